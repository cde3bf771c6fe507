using System.Text;

namespace WiseSync.Pay.Tests.Payers;

public sealed class MaskedMethodTests
{
    private const string Pan = "4111111111111111";

    [Theory]
    [InlineData(Pan)]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("4111-1111-1111-1111")]
    [InlineData("Visa 5555555555554444")]
    public void Full_card_number_in_the_label_is_refused_without_repeating_it(string label)
    {
        var ex = Assert.Throws<SensitivePaymentDataException>(() => PaymentMethod.Card(label, "1111"));

        Assert.Contains("full card number", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("1111 1111", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Pan, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("5555555555554444", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Full_card_number_given_as_last_four_is_refused()
    {
        var ex = Assert.Throws<SensitivePaymentDataException>(() => PaymentMethod.Card("Visa", Pan));

        Assert.Equal("last4", ex.Field);
        Assert.DoesNotContain(Pan, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Full_bank_account_number_is_refused()
    {
        var ex = Assert.Throws<SensitivePaymentDataException>(() => PaymentMethod.BankAccount("Chase 000123456789", "6789"));

        Assert.Contains("account number", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("000123456789", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Last_four_must_be_four_digits()
    {
        Assert.Throws<ArgumentException>(() => PaymentMethod.Card("Visa", "42"));
        Assert.Throws<ArgumentException>(() => PaymentMethod.Card("Visa", "42a2"));
    }

    [Fact]
    public void Methods_display_masked()
    {
        Assert.Equal("Visa **** 4242", PaymentMethod.Card("Visa", "4242").ToString());
        Assert.Equal("Chase checking (account ending 6789)", PaymentMethod.BankAccount("Chase checking", "6789").Display);
    }

    [Fact]
    public async Task A_full_card_number_never_reaches_the_database_file()
    {
        await using var f = new PayFixture();
        await f.Store.SavePayerAsync(PayFixture.AcmePayer());
        // Every way in: the API (refused), a payer name, and a CSV import with the number in several columns.
        Assert.Throws<SensitivePaymentDataException>(() => PaymentMethod.Card("Visa", Pan));
        await Assert.ThrowsAsync<SensitivePaymentDataException>(() => f.Store.SavePayerAsync(new Payer("p2", "C2") { Name = "Card " + Pan }));
        var csv = $"""
            payer_id,psa_company_id,name,primary_type,primary_label,primary_last4
            p3,C3,Beta,card,Visa,{Pan}
            p4,C4,Gamma,card,"Visa {Pan}",1111
            p5,C5,{Pan},card,Visa,1111
            """;
        var import = await f.Store.ImportPayersCsvAsync(new StringReader(csv));
        await f.ScheduleAsync(PayFixture.Invoice());

        Assert.Equal(3, import.Errors.Count);
        Assert.All(import.Errors, e => Assert.DoesNotContain(Pan, e.Reason, StringComparison.Ordinal));
        var bytes = f.ReadAllDatabaseBytes();
        Assert.True(bytes.Length > 0);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Pan)));
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(Pan)));
        Assert.NotEqual(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("Visa **** 4242")));
    }
}
