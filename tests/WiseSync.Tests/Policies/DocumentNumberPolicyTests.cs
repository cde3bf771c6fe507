using WiseSync.Policies;
using WiseSync.Tests.Fakes;

namespace WiseSync.Tests.Policies;

public sealed class DocumentNumberPolicyTests : IDisposable
{
    private readonly LedgerFile _file = new();
    private readonly SqliteSyncLedger _ledger;

    public DocumentNumberPolicyTests() => _ledger = _file.Open(FakeClock.FromUtc(2026, 11, 20, 9, 0, 0));

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task A_number_within_the_limit_is_unchanged()
    {
        var result = await new DocumentNumberPolicy(_ledger, "c").ApplyAsync("INV-1", 21, persist: true, default);
        Assert.Equal(("INV-1", (string?)null, (string?)null), (result.Number, result.OriginalNumber, result.Warning));
    }

    [Fact]
    public async Task A_long_number_is_shortened_once_kept_in_the_ledger_and_reused()
    {
        const string original = "AT-2026-11-000123-ACME-LTD";
        var first = await new DocumentNumberPolicy(_ledger, "c").ApplyAsync(original, 21, persist: true, default);
        Assert.True(first.Number.Length <= 21);
        Assert.Equal(original, first.OriginalNumber);
        Assert.Contains(original, first.Warning, StringComparison.Ordinal);
        var stored = await _ledger.GetDocumentNumberAsync("c", original);
        Assert.Equal(first.Number, stored!.ShortNumber);

        var again = await new DocumentNumberPolicy(_file.Open(FakeClock.FromUtc(2026, 11, 20, 9, 0, 0)), "c").ApplyAsync(original, 21, persist: true, default);
        Assert.Equal(first.Number, again.Number);
    }

    [Fact]
    public async Task A_short_number_owned_by_another_original_is_not_reused()
    {
        const string original = "AT-2026-11-000123-ACME-LTD";
        var planned = await new DocumentNumberPolicy(_ledger, "c").ApplyAsync(original, 21, persist: false, default);
        await _ledger.TrySaveDocumentNumberAsync(new DocumentNumberMapping("c", "SOMETHING-ELSE", planned.Number));
        var result = await new DocumentNumberPolicy(_ledger, "c").ApplyAsync(original, 21, persist: true, default);
        Assert.NotEqual(planned.Number, result.Number);
        Assert.True(result.Number.Length <= 21);
    }

    [Fact]
    public async Task Without_persisting_nothing_is_written()
    {
        await new DocumentNumberPolicy(_ledger, "c").ApplyAsync("AT-2026-11-000123-ACME-LTD", 21, persist: false, default);
        Assert.Null(await _ledger.GetDocumentNumberAsync("c", "AT-2026-11-000123-ACME-LTD"));
    }
}
