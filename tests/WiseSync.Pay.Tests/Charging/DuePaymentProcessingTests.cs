using NodaTime;

namespace WiseSync.Pay.Tests.Charging;

public sealed class DuePaymentProcessingTests
{
    private static readonly LocalDate Today = new(2026, 3, 1);

    [Fact]
    public async Task Due_payments_are_those_scheduled_on_or_before_the_day()
    {
        await using var f = new PayFixture();
        await SeedAsync(f, ("A", 10m, Today), ("B", 20m, Today.PlusDays(1)), ("C", 30m, Today.PlusDays(5)));

        var due = await f.Scheduler.GetDuePaymentsAsync(Today.PlusDays(1));

        Assert.Equal(["INV-A", "INV-B"], due.Select(p => p.PsaInvoiceId));
    }

    [Fact]
    public async Task Processing_twice_charges_each_due_payment_once()
    {
        await using var f = new PayFixture();
        await SeedAsync(f, ("A", 10m, Today), ("B", 20m, Today), ("LATER", 30m, Today.PlusDays(3)));
        var gateway = new FakePaymentGateway();

        var first = await f.Scheduler.ProcessDuePaymentsAsync(gateway, Today);
        var second = await f.Scheduler.ProcessDuePaymentsAsync(gateway, Today);

        Assert.Equal(2, first.Charged);
        Assert.Empty(second.Payments);
        Assert.Equal(2, gateway.RequestCount);
        Assert.Equal(["INV-A", "INV-B"], gateway.Charges.Select(c => c.PsaInvoiceId).Order());
        var charged = await f.Store.GetPaymentAsync("INV-A");
        Assert.Equal(ScheduledPaymentStatus.Charged, charged!.Status);
        Assert.Equal(FakePaymentGateway.ApprovedCode, charged.GatewayCode);
        Assert.StartsWith("fake_", charged.GatewayReference, StringComparison.Ordinal);
        Assert.Equal(ScheduledPaymentStatus.Scheduled, (await f.Store.GetPaymentAsync("INV-LATER"))!.Status);
    }

    [Fact]
    public async Task Two_processors_on_the_same_file_running_concurrently_charge_each_payment_once()
    {
        await using var f = new PayFixture();
        var invoices = Enumerable.Range(1, 30).Select(i => ($"P{i:D2}", 10m + i, Today)).ToArray();
        await SeedAsync(f, invoices);
        var gateway = new FakePaymentGateway();
        var bothStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstCharges = 0;
        gateway.OnCharge = async (_, ct) =>
        {
            // Hold the first charge until the other processor is inside the gateway too, so they truly overlap.
            if (Interlocked.Increment(ref firstCharges) == 2)
            {
                bothStarted.TrySetResult();
            }

            await bothStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
            await Task.Yield();
        };
        var one = f.NewScheduler("processor-1");
        var two = f.NewScheduler("processor-2");

        var reports = await Task.WhenAll(
            Task.Run(() => one.ProcessDuePaymentsAsync(gateway, Today)),
            Task.Run(() => two.ProcessDuePaymentsAsync(gateway, Today)));

        Assert.Equal(30, reports.Sum(r => r.Charged));
        Assert.Equal(30, gateway.RequestCount);
        Assert.Equal(30, gateway.Charges.Select(c => c.PaymentId).Distinct().Count());
        Assert.True(reports.All(r => r.Charged > 0), "both processors should have charged some payments");
        Assert.All(await f.Store.ListOutstandingAsync(), p => Assert.Equal(ScheduledPaymentStatus.Charged, p.Status));
    }

    [Fact]
    public async Task Decline_is_recorded_with_the_gateway_code_and_left_for_a_person_to_retry()
    {
        await using var f = new PayFixture();
        await SeedAsync(f, ("D", 250.13m, Today));
        var gateway = new FakePaymentGateway();

        var run = await f.Scheduler.ProcessDuePaymentsAsync(gateway, Today);
        var rerun = await f.Scheduler.ProcessDuePaymentsAsync(gateway, Today);
        var declined = await f.Store.GetPaymentAsync("INV-D");

        var outcome = Assert.Single(run.Payments);
        Assert.Equal(PaymentChargeOutcomeKind.Declined, outcome.Outcome);
        Assert.Equal(FakePaymentGateway.DeclinedCode, outcome.GatewayCode);
        Assert.Empty(rerun.Payments);
        Assert.Equal(ScheduledPaymentStatus.Declined, declined!.Status);
        Assert.Equal(FakePaymentGateway.DeclinedCode, declined.GatewayCode);
        Assert.Contains(declined, await f.Store.ListPaymentsAsync(ScheduledPaymentStatus.Declined));
        Assert.Contains(declined, await f.Store.ListOutstandingAsync());
    }

    [Fact]
    public async Task Retrying_a_decline_with_the_secondary_method_charges_a_new_attempt_with_a_new_key()
    {
        await using var f = new PayFixture();
        await SeedAsync(f, ("D", 250.13m, Today));
        var gateway = new FakePaymentGateway();
        await f.Scheduler.ProcessDuePaymentsAsync(gateway, Today);
        // The secondary method's processor approves.
        var approving = new RoleAwareGateway(gateway);

        var retried = await f.Scheduler.RetryDeclinedAsync("INV-D", PaymentMethodRole.Secondary);
        var run = await f.Scheduler.ProcessDuePaymentsAsync(approving, Today);

        Assert.Equal(ScheduledPaymentStatus.Scheduled, retried.Status);
        Assert.Equal("Chase checking (account ending 6789)", retried.MethodDisplay);
        Assert.Equal(PaymentChargeOutcomeKind.Charged, Assert.Single(run.Payments).Outcome);
        Assert.Single(gateway.Charges);
        Assert.Single(approving.Keys);
        Assert.NotEqual(gateway.Charges[0].IdempotencyKey, approving.Keys.Single());
        Assert.Equal(PaymentMethodRole.Secondary, approving.Roles.Single());
        Assert.Equal(ScheduledPaymentStatus.Charged, (await f.Store.GetPaymentAsync("INV-D"))!.Status);
        await Assert.ThrowsAsync<InvalidOperationException>(() => f.Scheduler.RetryDeclinedAsync("INV-D"));
    }

    [Fact]
    public async Task A_charge_whose_answer_was_lost_is_repeated_with_the_same_key_after_the_lease_and_charged_once()
    {
        await using var f = new PayFixture();
        await SeedAsync(f, ("X", 75m, Today));
        var gateway = new FakePaymentGateway();
        var crashing = new AnswerLosingGateway(gateway);

        var crashed = await f.Scheduler.ProcessDuePaymentsAsync(crashing, Today);
        var tooSoon = await f.NewScheduler("other").ProcessDuePaymentsAsync(gateway, Today);
        f.Clock.Advance(Duration.FromMinutes(6));
        var recovered = await f.NewScheduler("other").ProcessDuePaymentsAsync(gateway, Today);

        Assert.Equal(PaymentChargeOutcomeKind.Failed, Assert.Single(crashed.Payments).Outcome);
        Assert.Empty(tooSoon.Payments);
        var outcome = Assert.Single(recovered.Payments);
        Assert.Equal(PaymentChargeOutcomeKind.Charged, outcome.Outcome);
        Assert.Equal(Assert.Single(crashed.Payments).IdempotencyKey, outcome.IdempotencyKey);
        Assert.Equal(2, gateway.RequestCount);
        Assert.Single(gateway.Charges);
        Assert.Equal(ScheduledPaymentStatus.Charged, (await f.Store.GetPaymentAsync("INV-X"))!.Status);
    }

    [Fact]
    public async Task Nothing_is_charged_while_the_merchant_is_disabled()
    {
        await using var f = new PayFixture();
        await SeedAsync(f, ("A", 10m, Today));
        await f.Store.SaveMerchantSettingsAsync(new MerchantSettings { Enabled = false });
        var gateway = new FakePaymentGateway();

        var run = await f.Scheduler.ProcessDuePaymentsAsync(gateway, Today);

        Assert.Equal(PaymentChargeOutcomeKind.Skipped, Assert.Single(run.Payments).Outcome);
        Assert.Equal(0, gateway.RequestCount);
        Assert.Equal(ScheduledPaymentStatus.Scheduled, (await f.Store.GetPaymentAsync("INV-A"))!.Status);
    }

    [Fact]
    public async Task A_settled_payment_is_not_charged()
    {
        await using var f = new PayFixture();
        await SeedAsync(f, ("A", 10m, Today));
        await f.Scheduler.SettleAsync("INV-A", Today);
        var gateway = new FakePaymentGateway();

        var run = await f.Scheduler.ProcessDuePaymentsAsync(gateway, Today);

        Assert.Empty(run.Payments);
        Assert.Equal(0, gateway.RequestCount);
    }

    [Theory]
    [InlineData("10.13", true)]
    [InlineData("0.13", true)]
    [InlineData("10.14", false)]
    [InlineData("13.00", false)]
    [InlineData("10.130", true)]
    public void Fake_gateway_declines_amounts_ending_in_13_cents(string amount, bool declines) =>
        Assert.Equal(declines, FakePaymentGateway.Declines(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    private static async Task SeedAsync(PayFixture f, params (string Id, decimal Amount, LocalDate Due)[] invoices)
    {
        await f.Store.SavePayerAsync(PayFixture.AcmePayer());
        foreach (var (id, amount, due) in invoices)
        {
            var result = await f.ScheduleAsync(PayFixture.Invoice("INV-" + id, total: amount, invoiceDate: due.PlusDays(-30), dueDate: due));
            Assert.Equal(PaymentQueueStatus.Queued, result.Status);
        }
    }

    /// <summary>Charges through the inner gateway, then loses the answer as if the process died.</summary>
    private sealed class AnswerLosingGateway(IPaymentGateway inner) : IPaymentGateway
    {
        public async Task<PaymentChargeResponse> ChargeAsync(PaymentChargeRequest request, CancellationToken cancellationToken = default)
        {
            await inner.ChargeAsync(request, cancellationToken);
            throw new HttpRequestException("connection reset after the charge was made");
        }
    }

    /// <summary>Approves every charge and records the method role and key it was asked for.</summary>
    private sealed class RoleAwareGateway(FakePaymentGateway declined) : IPaymentGateway
    {
        public List<string> Keys { get; } = [];

        public List<PaymentMethodRole> Roles { get; } = [];

        public Task<PaymentChargeResponse> ChargeAsync(PaymentChargeRequest request, CancellationToken cancellationToken = default)
        {
            Assert.DoesNotContain(declined.Charges, c => c.IdempotencyKey == request.IdempotencyKey);
            Keys.Add(request.IdempotencyKey);
            Roles.Add(request.MethodRole);
            return Task.FromResult(new PaymentChargeResponse(true, "approved", "ref-2"));
        }
    }
}
