using System.Globalization;

namespace WiseSync.Pay;

/// <summary>
/// A payment gateway for tests and demos only — it moves no money and talks to no processor.
/// Deterministic: an amount whose cents are <c>.13</c> is declined with code <c>card_declined</c>; every other
/// amount is approved with code <c>approved</c>. Like a real processor it honours idempotency keys: a repeated
/// key returns the first answer without charging again. Thread-safe.
/// </summary>
public sealed class FakePaymentGateway : IPaymentGateway
{
    /// <summary>The code of an approved charge.</summary>
    public const string ApprovedCode = "approved";

    /// <summary>The code of a declined charge.</summary>
    public const string DeclinedCode = "card_declined";

    private readonly Dictionary<string, PaymentChargeResponse> _answers = new(StringComparer.Ordinal);
    private readonly List<PaymentChargeRequest> _charges = [];
    private readonly Lock _gate = new();
    private int _requests;

    /// <summary>Every request received, including repeats of a key.</summary>
    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>The charges actually made (one per distinct idempotency key), in order.</summary>
    public IReadOnlyList<PaymentChargeRequest> Charges
    {
        get
        {
            lock (_gate)
            {
                return [.. _charges];
            }
        }
    }

    /// <summary>Called inside <see cref="ChargeAsync"/> before answering; a test uses it to hold a charge in flight or to fail it.</summary>
    public Func<PaymentChargeRequest, CancellationToken, Task>? OnCharge { get; set; }

    /// <summary>Whether <paramref name="amount"/> is declined by the rule (cents equal to 13).</summary>
    public static bool Declines(decimal amount) => Math.Abs(decimal.Round(amount * 100m)) % 100m == 13m;

    /// <inheritdoc />
    public async Task<PaymentChargeResponse> ChargeAsync(PaymentChargeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Interlocked.Increment(ref _requests);
        if (OnCharge is { } hook)
        {
            await hook(request, cancellationToken).ConfigureAwait(false);
        }

        // A lock, not ConcurrentDictionary.GetOrAdd: its factory may run twice under contention, which would be two charges.
        lock (_gate)
        {
            if (_answers.TryGetValue(request.IdempotencyKey, out var first))
            {
                return first;
            }

            var answer = Answer(request);
            _answers.Add(request.IdempotencyKey, answer);
            return answer;
        }
    }

    private PaymentChargeResponse Answer(PaymentChargeRequest request)
    {
        _charges.Add(request);
        if (Declines(request.Amount))
        {
            return new PaymentChargeResponse(false, DeclinedCode, null, "The card was declined (fake gateway: amounts ending in .13 decline).");
        }

        var reference = "fake_" + _charges.Count.ToString("D6", CultureInfo.InvariantCulture);
        return new PaymentChargeResponse(true, ApprovedCode, reference, "Approved by the fake gateway.");
    }
}
