using NodaTime;
using WiseSync.Tests.Fakes;

namespace WiseSync.Reliability.Tests.Adversarial;

/// <summary>Named hostile invoices, each checked against the run invariants and for the outcome it should have.</summary>
public sealed class HandPickedInvoiceTests
{
    private static readonly AccountingCapabilities XeroLike = new(5, null, 30, 255, 50);
    private static readonly AccountingCapabilities QuickBooksLike = new(0, 100, 30, 21, 30);
    private static readonly PsaCompanyRef Acme = Invoices.Acme;

    private static PsaContact Contact(string email, bool primary = false, string company = "co-1") =>
        Invoices.Contact(Guid.NewGuid().ToString("N")[..8], email, primary, companyId: company);

    private static PsaInvoice WithLines(string id, params PsaInvoiceLine[] lines)
    {
        var sum = lines.Sum(l => l.Amount);
        var tax = lines.Sum(l => l.Tax);
        return Invoices.Make(id) with { Lines = lines, Subtotal = sum, TaxTotal = tax, Total = sum + tax };
    }

    private static Task<SyncReport> Run(PsaInvoice[] invoices, PsaContact[]? contacts = null, AccountingCapabilities? caps = null, Action<PipelineHarness, SyncReport>? inspect = null, int? net = null) =>
        AdversarialRun.RunAndCheckAsync(new AdversarialCase(invoices, contacts ?? [], caps ?? XeroLike, net), inspect);

    private static InvoiceSyncResult Only(SyncReport report) => Assert.Single(report.Invoices);

    [Fact]
    public async Task Invoice_with_no_lines_is_red_and_not_written()
    {
        var report = await Run([Invoices.Make("a") with { Lines = [], Subtotal = 0m, TaxTotal = 0m, Total = 0m }]);
        var result = Only(report);
        Assert.Equal(SyncStatus.Error, result.Status);
        Assert.Contains(result.Messages, m => m.Contains("no lines", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Zero_quantity_and_zero_amount_lines_post_a_zero_invoice()
    {
        var report = await Run([WithLines("a", new PsaInvoiceLine("Free setup", 0m, 100m, 0m, 0m), new PsaInvoiceLine("Nothing", 1m, 0m, 0m, 0m))]);
        Assert.NotEqual(SyncStatus.Error, Only(report).Status);
        Assert.NotNull(Only(report).AccountingInvoiceId);
    }

    [Fact]
    public async Task Negative_total_becomes_a_credit_note_with_positive_amounts()
    {
        var report = await Run(
            [WithLines("a", new PsaInvoiceLine("Refund", -2m, 50m, -100m, -10m), new PsaInvoiceLine("Credit", 1m, -5m, -5m, 0m))],
            inspect: (h, r) =>
            {
                var draft = h.Sink.LastDraftOf(Only(r).AccountingInvoiceId!);
                Assert.Equal(DocumentKind.CreditNote, draft.Kind);
                Assert.Equal(115m, draft.Total);
                Assert.All(draft.Lines, l => Assert.True(l.Amount >= 0m, $"credit-note line {l.Description} has amount {l.Amount}"));
            });
        Assert.NotEqual(SyncStatus.Error, Only(report).Status);
    }

    [Fact]
    public async Task Mixed_sign_lines_that_add_up_post_once()
    {
        var report = await Run([WithLines("a", new PsaInvoiceLine("Work", 3m, 100m, 300m, 30m), new PsaInvoiceLine("Discount", -1m, 50m, -50m, -5m))]);
        Assert.NotEqual(SyncStatus.Error, Only(report).Status);
    }

    [Theory]
    [InlineData("ten-thousand")]
    [InlineData("emoji")]
    [InlineData("rtl")]
    [InlineData("control")]
    [InlineData("lone-surrogate")]
    public async Task Hostile_line_text_is_posted_unchanged(string kind)
    {
        var text = kind switch
        {
            "ten-thousand" => string.Concat(Enumerable.Repeat("Managed services ", 600))[..10_000],
            "emoji" => "Support 🚀👨‍👩‍👧‍👦 — ✅ done 😀",
            "rtl" => "خدمات مُدارة — שירותים מנוהלים \u202Edesrever\u202C",
            "control" => "tab\there\r\nnew line\0nul\u0007bell\u001b[31mred\u007f",
            _ => "lone \uD800 surrogate",
        };
        var report = await Run(
            [WithLines("a", new PsaInvoiceLine(text, 1m, 100m, 100m, 10m))],
            inspect: (h, r) => Assert.Equal(text, h.Sink.LastDraftOf(Only(r).AccountingInvoiceId!).Lines[0].Description));
        Assert.NotEqual(SyncStatus.Error, Only(report).Status);
    }

    [Theory]
    [InlineData("", "Acme")]
    [InlineData("   ", "Acme")]
    [InlineData("co-1", "")]
    [InlineData("co-1", " \t ")]
    [InlineData("", "")]
    public async Task Missing_company_is_red_and_nothing_is_written(string companyId, string companyName)
    {
        var report = await Run(
            [Invoices.Make("a", new PsaCompanyRef(companyId, companyName), 100m, "ann@acme.example"), Invoices.Make("b", Acme, 50m)],
            [Contact("ann@acme.example", primary: true)],
            inspect: (h, _) =>
            {
                Assert.Single(h.Sink.Customers);
                Assert.DoesNotContain(h.Sink.Drafts, d => d.PsaInvoiceId == "a");
            });
        Assert.Equal(SyncStatus.Error, report.Invoices.Single(r => r.PsaInvoiceId == "a").Status);
        Assert.NotEqual(SyncStatus.Error, report.Invoices.Single(r => r.PsaInvoiceId == "b").Status);
    }

    [Fact]
    public async Task Null_company_lines_and_recipients_from_a_broken_provider_are_red_not_a_crash()
    {
        var good = Invoices.Make("ok");
        var report = await Run(
        [
            Invoices.Make("no-company") with { Company = null! },
            Invoices.Make("no-lines") with { Lines = null! },
            Invoices.Make("no-recipients") with { Recipients = null! },
            good,
        ]);
        Assert.Equal(3, report.Totals.Error);
        Assert.NotEqual(SyncStatus.Error, report.Invoices.Single(r => r.PsaInvoiceId == "ok").Status);
    }

    [Fact]
    public async Task Null_recipient_entries_and_null_contact_emails_are_ignored()
    {
        var report = await Run(
            [Invoices.Make("a", Acme, 100m, null!, "ann@acme.example", "")],
            [Contact("ann@acme.example", primary: true), Invoices.Contact("x", null!, companyId: "co-1")],
            inspect: (h, _) => Assert.Equal("ann@acme.example", Assert.Single(h.Sink.CustomerContacts).Value.Primary!.Email));
        Assert.NotEqual(SyncStatus.Error, Only(report).Status);
    }

    [Fact]
    public async Task Company_with_no_contacts_posts_and_leaves_contacts_alone()
    {
        var report = await Run([Invoices.Make("a", Acme, 100m, "ann@acme.example", "bob@acme.example")], [],
            inspect: (h, _) => Assert.Empty(h.Sink.CustomerContacts));
        Assert.NotNull(Only(report).AccountingInvoiceId);
    }

    [Fact]
    public async Task Duplicate_recipients_and_case_variants_give_one_contact_each()
    {
        var report = await Run(
            [Invoices.Make("a", Acme, 100m, "ann@acme.example", "bob@acme.example", "ANN@ACME.EXAMPLE", "ann@acme.example", " Bob@Acme.Example ")],
            [Contact("ann@acme.example", primary: true), Contact("bob@acme.example")],
            inspect: (h, _) =>
            {
                var selection = Assert.Single(h.Sink.CustomerContacts).Value;
                Assert.Equal("ann@acme.example", selection.Primary!.Email);
                Assert.Equal("bob@acme.example", Assert.Single(selection.Others!).Email);
            });
        Assert.NotNull(Only(report).AccountingInvoiceId);
    }

    [Fact]
    public async Task Address_over_one_hundred_characters_reaches_the_sink_which_fits_its_own_field()
    {
        // The engine decides who; fitting a one-field sink's 100 characters is that sink's job (QuickBooks' own tests).
        var longAddress = new string('a', 101) + "@acme.example";
        var report = await Run(
            [Invoices.Make("a", Acme, 100m, longAddress, "bob@acme.example")],
            [Contact("bob@acme.example", primary: true), Contact(longAddress)],
            QuickBooksLike,
            inspect: (h, r) =>
            {
                var draft = h.Sink.LastDraftOf(Only(r).AccountingInvoiceId!);
                Assert.Equal($"{longAddress},bob@acme.example", draft.InvoiceEmail);
                Assert.Equal(["bob@acme.example", longAddress], Assert.Single(h.Sink.CustomerContacts).Value.EmailAddresses);
            });
        Assert.NotEqual(SyncStatus.Error, Only(report).Status);
    }

    [Fact]
    public async Task Odd_decimal_precision_within_tolerance_gets_a_rounding_line()
    {
        var lines = new[]
        {
            new PsaInvoiceLine("Third", 1m, 33.333333333333m, 33.333333333333m, 0m),
            new PsaInvoiceLine("Third", 1m, 33.333333333333m, 33.333333333333m, 0m),
            new PsaInvoiceLine("Third", 1m, 33.333333333333m, 33.333333333333m, 0m),
        };
        var invoice = Invoices.Make("a") with { Lines = lines, Subtotal = 100m, TaxTotal = 0m, Total = 100m };
        var report = await Run([invoice], inspect: (h, r) =>
        {
            var draft = h.Sink.LastDraftOf(Only(r).AccountingInvoiceId!);
            Assert.Equal(100m, draft.Lines.Sum(l => l.Amount));
            Assert.Contains(draft.Lines, l => l.IsRounding);
        });
        Assert.Equal(SyncStatus.Warning, Only(report).Status);
    }

    [Theory]
    [InlineData("max")]
    [InlineData("min")]
    [InlineData("sum-overflow")]
    public async Task Amounts_at_the_limits_of_decimal_are_red_not_a_crash(string kind)
    {
        var invoice = kind switch
        {
            "max" => WithLines("a", new PsaInvoiceLine("Huge", 1m, decimal.MaxValue, decimal.MaxValue, 0m)) with { TaxTotal = 1m },
            "min" => WithLines("a", new PsaInvoiceLine("Huge", 1m, decimal.MinValue, decimal.MinValue, 0m)) with { TaxTotal = -1m },
            _ => Invoices.Make("a") with
            {
                Lines = [new PsaInvoiceLine("Huge", 1m, decimal.MaxValue, decimal.MaxValue, 0m), new PsaInvoiceLine("Huge", 1m, decimal.MaxValue, decimal.MaxValue, 0m)],
                Total = decimal.MaxValue,
            },
        };
        var report = await Run([invoice, Invoices.Make("b", Acme, 10m)]);
        Assert.Equal(SyncStatus.Error, report.Invoices.Single(r => r.PsaInvoiceId == "a").Status);
        Assert.NotEqual(SyncStatus.Error, report.Invoices.Single(r => r.PsaInvoiceId == "b").Status);
    }

    public static TheoryData<string, string?> CalendarEdges => new()
    {
        { "2026-01-31", null },
        { "2026-02-28", null },
        { "2024-02-29", null },
        { "2026-12-31", null },
        { "0001-01-01", null },
        { "9999-12-31", null },
        { "9999-12-31", "9999-12-31" },
        { "2026-12-31", "0001-01-01" },
    };

    [Theory]
    [MemberData(nameof(CalendarEdges))]
    public async Task Dates_at_month_and_year_ends_and_far_away_never_crash_a_run(string date, string? due)
    {
        var invoiceDate = NodaTime.Text.LocalDatePattern.Iso.Parse(date).Value;
        LocalDate? dueDate = due is null ? null : NodaTime.Text.LocalDatePattern.Iso.Parse(due).Value;
        var invoice = Invoices.Make("a") with { InvoiceDate = invoiceDate, DueDate = dueDate, Terms = new PaymentTermsRef("t", "Net 45", 45) };
        var report = await Run([invoice, Invoices.Make("b") with { InvoiceDate = invoiceDate, DueDate = null, Terms = null }], net: int.MaxValue);
        Assert.Equal(2, report.Invoices.Count);
        if (date == "9999-12-31" && due is null)
        {
            Assert.Contains(report.Invoices.Single(r => r.PsaInvoiceId == "a").Messages, m => m.Contains("outside the calendar", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Invoice_without_an_id_is_red_and_does_not_hide_the_others()
    {
        var report = await Run([Invoices.Make("") with { Number = "INV-blank" }, Invoices.Make("b")]);
        Assert.Equal(SyncStatus.Error, report.Invoices.Single(r => r.PsaInvoiceId == "").Status);
        Assert.NotEqual(SyncStatus.Error, report.Invoices.Single(r => r.PsaInvoiceId == "b").Status);
    }

    [Fact]
    public async Task Two_invoices_with_the_same_number_post_one_and_red_light_the_other()
    {
        var report = await Run([Invoices.Make("a") with { Number = "INV-1" }, Invoices.Make("b") with { Number = "inv-1" }]);
        Assert.Equal(1, report.Invoices.Count(r => r.AccountingInvoiceId is not null));
        Assert.Equal(1, report.Totals.Error);
    }

    [Fact]
    public async Task Invoice_number_with_a_lone_surrogate_is_red_on_every_run()
    {
        var invoice = Invoices.Make("a") with { Number = "INV-\uD800-" + new string('9', 40) };
        var report = await Run([invoice, Invoices.Make("b")], caps: QuickBooksLike);
        Assert.Equal(SyncStatus.Error, report.Invoices.Single(r => r.PsaInvoiceId == "a").Status);
    }

    [Fact]
    public async Task Long_emoji_number_is_shortened_without_splitting_a_character()
    {
        // "A" then emoji: the 14-character prefix QuickBooks-sized numbers keep would end on the first half of an emoji.
        var number = "A" + string.Concat(Enumerable.Repeat("😀", 20));
        var report = await Run([Invoices.Make("a") with { Number = number }], caps: QuickBooksLike, inspect: (h, r) =>
        {
            var posted = h.Sink.LastDraftOf(Only(r).AccountingInvoiceId!).Number;
            Assert.True(posted.Length <= QuickBooksLike.MaxDocumentNumberLength);
            Assert.StartsWith("A😀😀", posted, StringComparison.Ordinal);
            Assert.DoesNotContain('\uFFFD', posted);
            Assert.Equal(posted.Count(char.IsHighSurrogate), posted.Count(char.IsLowSurrogate));
        });
        Assert.Equal(SyncStatus.Warning, Only(report).Status);
    }
}
