namespace WiseSync.Sandbox.QuickBooks;

/// <summary>What the emulated API answers: a status and a JSON body.</summary>
internal sealed record QboApiResponse(int Status, string Body)
{
    public static QboApiResponse Json(int status, JsonObject body) => new(status, body.ToJsonString());
}
