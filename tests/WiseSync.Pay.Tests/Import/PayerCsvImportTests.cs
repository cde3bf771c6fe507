namespace WiseSync.Pay.Tests.Import;

public sealed class PayerCsvImportTests
{
    private const string Header = "payer_id,psa_company_id,accounting_customer_id,name,active,primary_type,primary_label,primary_last4,secondary_type,secondary_label,secondary_last4,autopay_terms";

    [Fact]
    public async Task Valid_rows_are_imported_and_each_bad_row_is_reported_with_its_number_and_reason()
    {
        await using var f = new PayFixture();
        var csv = string.Join('\n',
            Header,
            "acme,C1,X-ACME,Acme Ltd,true,card,Visa,4242,bank_account,Chase checking,6789,Net 30=due|Monthly=day:31",
            ",C2,,No Id,true,card,Visa,4242,,,,Net 30=due",
            "beta,C3,,Beta,maybe,card,Visa,4242,,,,Net 30=due",
            "gamma,C4,,Gamma,true,cheque,Visa,4242,,,,Net 30=due",
            "delta,C5,,Delta,true,card,Visa,42,,,,Net 30=due",
            "eps,C6,,Eps,true,card,Visa,4242,,,,Net 30=weekly",
            "acme,C7,,Acme again,true,card,Visa,4242,,,,",
            "zeta,C1,,Zeta,true,card,Visa,4242,,,,",
            "\"eta\",C8,,\"Eta, Inc.\",no,bank,\"Wells \"\"Biz\"\"\",1234,,,,Net 15=after:5");

        var result = await f.Store.ImportPayersCsvAsync(new StringReader(csv));

        Assert.Equal(["acme", "eta"], result.ImportedPayerIds);
        Assert.Equal([3, 4, 5, 6, 7, 8, 9], result.Errors.Select(e => e.Row));
        Assert.Contains("payer_id is required", result.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("active must be true or false", result.Errors[1].Reason, StringComparison.Ordinal);
        Assert.Contains("primary_type must be card or bank_account", result.Errors[2].Reason, StringComparison.Ordinal);
        Assert.Contains("primary_last4 must be exactly four digits", result.Errors[3].Reason, StringComparison.Ordinal);
        Assert.Contains("autopay_terms entry 'Net 30=weekly'", result.Errors[4].Reason, StringComparison.Ordinal);
        Assert.Contains("already appears on row 2", result.Errors[5].Reason, StringComparison.Ordinal);
        Assert.Contains("already has a payer on row 2", result.Errors[6].Reason, StringComparison.Ordinal);

        var acme = await f.Store.GetPayerAsync("acme");
        Assert.NotNull(acme);
        Assert.Equal("Visa **** 4242", acme.Primary!.Display);
        Assert.Equal(PaymentMethodKind.BankAccount, acme.Secondary!.Kind);
        Assert.Equal([AutoPayTerms.OnDueDate("Net 30"), AutoPayTerms.DayOfMonth("Monthly", 31)], acme.AutoPayTerms);
        var eta = await f.Store.GetPayerAsync("eta");
        Assert.Equal("Eta, Inc.", eta!.Name);
        Assert.False(eta.IsActive);
        Assert.Equal("Wells \"Biz\"", eta.Primary!.Label);
        Assert.Equal(AutoPayTerms.DaysAfterInvoiceDate("Net 15", 5), Assert.Single(eta.AutoPayTerms));
    }

    [Fact]
    public async Task A_row_clashing_with_a_payer_already_in_the_store_is_an_error_for_that_row()
    {
        await using var f = new PayFixture();
        await f.Store.SavePayerAsync(PayFixture.AcmePayer());
        var csv = "payer_id,psa_company_id\nother,C1\nfine,C9\n";

        var result = await f.Store.ImportPayersCsvAsync(new StringReader(csv));

        Assert.Equal(["fine"], result.ImportedPayerIds);
        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Row);
        Assert.Contains("already has payer 'payer-acme'", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_required_header_columns_import_nothing_and_say_so_on_row_1()
    {
        await using var f = new PayFixture();
        var csv = "payer,company\nacme,C1\n";

        var result = await f.Store.ImportPayersCsvAsync(new StringReader(csv));

        Assert.Empty(result.ImportedPayerIds);
        Assert.All(result.Errors, e => Assert.Equal(1, e.Row));
        Assert.Contains(result.Errors, e => e.Reason.Contains("must name at least payer_id and psa_company_id", StringComparison.Ordinal));
        Assert.Empty(await f.Store.ListPayersAsync());
    }

    [Fact]
    public async Task Reimporting_a_payer_replaces_its_methods_and_terms()
    {
        await using var f = new PayFixture();
        await f.Store.ImportPayersCsvAsync(new StringReader(Header + "\nacme,C1,,Acme,true,card,Visa,4242,card,Amex,0005,Net 30=due\n"));

        var result = await f.Store.ImportPayersCsvAsync(new StringReader(Header + "\nacme,C1,,Acme,true,card,Mastercard,4444,,,,Net 60=after:10\n"));

        Assert.Empty(result.Errors);
        var acme = await f.Store.GetPayerAsync("acme");
        Assert.Equal("Mastercard **** 4444", acme!.Primary!.Display);
        Assert.Null(acme.Secondary);
        Assert.Equal(AutoPayTerms.DaysAfterInvoiceDate("Net 60", 10), Assert.Single(acme.AutoPayTerms));
    }
}
