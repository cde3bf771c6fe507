using WiseSync.Policies;
using WiseSync.Tests.Fakes;

namespace WiseSync.Tests.Policies;

public sealed class LineMappingPolicyTests
{
    private static readonly AccountingCapabilities Caps = new(5, null, 12, 255, 50);

    private static PsaInvoice WithLines(decimal total, decimal taxTotal, params PsaInvoiceLine[] lines) =>
        Invoices.Make("1") with { Lines = lines, Subtotal = lines.Sum(l => l.Amount), TaxTotal = taxTotal, Total = total };

    [Fact]
    public void Codes_come_from_the_maps_with_defaults_and_pass_through()
    {
        var options = new LineMappingOptions { DefaultAccountCode = "200", DefaultTaxCode = "OUTPUT" };
        options.ItemCodes["MSP"] = "MANAGED";
        options.AccountCodes["4000"] = "260";
        options.TaxCodes["GST"] = "OUTPUT2";
        var invoice = WithLines(220m, 20m,
            new PsaInvoiceLine("a", 1, 100, 100, 10) { ItemCode = "MSP", GlCode = "4000", TaxCode = "GST" },
            new PsaInvoiceLine("b", 1, 100, 100, 10) { ItemCode = "LAB" });
        var result = new LineMappingPolicy(options).Map(invoice, Caps);
        Assert.Null(result.Error);
        Assert.Equal(("MANAGED", "260", "OUTPUT2"), (result.Lines[0].ItemCode, result.Lines[0].AccountCode, result.Lines[0].TaxCode));
        Assert.Equal(("LAB", "200", "OUTPUT"), (result.Lines[1].ItemCode, result.Lines[1].AccountCode, result.Lines[1].TaxCode));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Long_item_code_is_shortened_the_same_way_every_run_with_a_warning()
    {
        var invoice = WithLines(110m, 10m, new PsaInvoiceLine("a", 1, 100, 100, 10) { ItemCode = "MANAGED-SERVICES-GOLD" });
        var first = new LineMappingPolicy(new LineMappingOptions()).Map(invoice, Caps);
        var second = new LineMappingPolicy(new LineMappingOptions()).Map(invoice, Caps);
        var code = first.Lines[0].ItemCode!;
        Assert.True(code.Length <= Caps.MaxItemCodeLength);
        Assert.StartsWith("MANAG", code, StringComparison.Ordinal);
        Assert.Equal(code, second.Lines[0].ItemCode);
        Assert.Contains(first.Warnings, w => w.Contains("MANAGED-SERVICES-GOLD", StringComparison.Ordinal));
    }

    [Fact]
    public void Long_item_codes_with_the_same_prefix_get_different_short_codes()
    {
        var invoice = WithLines(220m, 20m,
            new PsaInvoiceLine("a", 1, 100, 100, 10) { ItemCode = "MANAGED-SERVICES-GOLD" },
            new PsaInvoiceLine("b", 1, 100, 100, 10) { ItemCode = "MANAGED-SERVICES-SILVER" });
        var result = new LineMappingPolicy(new LineMappingOptions()).Map(invoice, Caps);
        Assert.NotEqual(result.Lines[0].ItemCode, result.Lines[1].ItemCode);
    }

    [Fact]
    public void Non_billable_lines_are_left_out_when_asked()
    {
        var invoice = WithLines(110m, 10m,
            new PsaInvoiceLine("billable", 1, 100, 100, 10),
            new PsaInvoiceLine("courtesy", 1, 0, 0, 0) { Billable = false });
        var kept = new LineMappingPolicy(new LineMappingOptions()).Map(invoice, Caps);
        var excluded = new LineMappingPolicy(new LineMappingOptions { ExcludeNonBillableLines = true }).Map(invoice, Caps);
        Assert.Equal(2, kept.Lines.Count);
        Assert.Equal(["billable"], excluded.Lines.Select(l => l.Description));
        Assert.Contains(excluded.Warnings, w => w.Contains("non-billable", StringComparison.Ordinal));
    }

    [Fact]
    public void Kept_non_billable_line_is_shown_at_no_charge_and_does_not_count_toward_the_total()
    {
        var invoice = WithLines(110m, 10m,
            new PsaInvoiceLine("billable", 1, 100, 100, 10),
            new PsaInvoiceLine("courtesy visit", 2, 75, 150, 0) { Billable = false });
        var result = new LineMappingPolicy(new LineMappingOptions()).Map(invoice, Caps);
        Assert.Null(result.Error);
        var courtesy = Assert.Single(result.Lines, l => l.Description == "courtesy visit");
        Assert.Equal(0m, courtesy.Amount);
        Assert.Equal(0m, courtesy.UnitPrice);
        Assert.Equal(2m, courtesy.Quantity);
        Assert.DoesNotContain(result.Lines, l => l.IsRounding);
    }

    [Fact]
    public void A_difference_within_the_tolerance_adds_a_rounding_line_with_a_warning()
    {
        var invoice = WithLines(110.03m, 10m, new PsaInvoiceLine("a", 1, 100, 100, 10));
        var result = new LineMappingPolicy(new LineMappingOptions { RoundingAccountCode = "860" }).Map(invoice, Caps);
        Assert.Null(result.Error);
        var rounding = Assert.Single(result.Lines, l => l.IsRounding);
        Assert.Equal(0.03m, rounding.Amount);
        Assert.Equal("860", rounding.AccountCode);
        Assert.Equal(110.03m, result.Lines.Sum(l => l.Amount) + result.TaxTotal);
        Assert.Contains(result.Warnings, w => w.Contains("rounding", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_difference_beyond_the_tolerance_is_an_error()
    {
        var invoice = WithLines(110.06m, 10m, new PsaInvoiceLine("a", 1, 100, 100, 10));
        var result = new LineMappingPolicy(new LineMappingOptions()).Map(invoice, Caps);
        Assert.NotNull(result.Error);
        Assert.Contains("0.06", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Lines);
    }

    [Fact]
    public void An_exact_total_adds_no_rounding_line()
    {
        var invoice = WithLines(110m, 10m, new PsaInvoiceLine("a", 1, 100, 100, 10));
        var result = new LineMappingPolicy(new LineMappingOptions()).Map(invoice, Caps);
        Assert.DoesNotContain(result.Lines, l => l.IsRounding);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void A_credit_note_carries_positive_amounts()
    {
        var invoice = WithLines(-55m, -5m, new PsaInvoiceLine("refund", -1, 50, -50, -5));
        var result = new LineMappingPolicy(new LineMappingOptions()).Map(invoice, Caps);
        var line = Assert.Single(result.Lines);
        Assert.Equal((1m, 50m, 50m, 5m), (line.Quantity, line.UnitPrice, line.Amount, line.TaxAmount));
        Assert.Equal(55m, result.Total);
    }

    [Fact]
    public void Tracking_comes_from_the_division_map()
    {
        var options = new LineMappingOptions { DefaultTracking = "General" };
        options.TrackingByDivision["Cloud"] = "Region: Cloud";
        var invoice = WithLines(110m, 10m, new PsaInvoiceLine("a", 1, 100, 100, 10)) with { Division = "cloud" };
        Assert.Equal("Region: Cloud", new LineMappingPolicy(options).Map(invoice, Caps).Lines[0].Tracking);
        Assert.Equal("General", new LineMappingPolicy(options).Map(invoice with { Division = "Other" }, Caps).Lines[0].Tracking);
    }
}
