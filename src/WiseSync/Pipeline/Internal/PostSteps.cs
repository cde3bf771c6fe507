using WiseSync.Pipeline.Steps;

namespace WiseSync.Pipeline.Internal;

/// <summary>The steps of DESIGN §3 in the order a post runs them, made once per pipeline and shared by its actions.</summary>
internal sealed class PostSteps(PipelineServices services)
{
    public ReadWindowStep Read { get; } = new(services);

    public PrepareInvoicesStep PrepareInvoices { get; } = new(services);

    public RecordStep Record { get; } = new(services);

    public PrepareCustomersStep PrepareCustomers { get; } = new(services);

    public WriteChunkStep WriteChunk { get; } = new(services);

    public MarkPsaStep MarkPsa { get; } = new(services);

    public SchedulePaymentsStep SchedulePayments { get; } = new(services);
}
