namespace WiseSync.Sandbox.Autotask;

/// <summary>A request Autotask refuses: answered as HTTP 500 with <c>{"errors":[...]}</c> (reference/psa-apis.md §1.3).</summary>
internal sealed class AutotaskApiError(string message, int status = 500) : Exception(message)
{
    public int Status { get; } = status;
}
