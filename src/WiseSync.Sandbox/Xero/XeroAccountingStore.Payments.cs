namespace WiseSync.Sandbox.Xero;

internal sealed partial class XeroAccountingStore
{
    /// <summary>PUT /Payments (bulk) or POST /Payments (one).</summary>
    public XeroResponse WritePayments(JsonNode? body, bool summarizeErrors) =>
        RunBatch(body, "Payments", "HasValidationErrors", summarizeErrors, WritePayment);

    public XeroResponse GetPayments(DateTimeOffset? modifiedSince, int? page)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var all = _documents
                .SelectMany(d => d.Payments.Select(p => (Payment: p, Document: d)))
                .Where(x => modifiedSince is not { } since || x.Payment.UpdatedDateUTC >= DateTimeOffset.FromUnixTimeSeconds(since.ToUnixTimeSeconds()))
                .OrderBy(x => x.Payment.UpdatedDateUTC)
                .ToList();
            var slice = page is { } p ? all.Skip((Math.Max(p, 1) - 1) * DefaultPageSize).Take(DefaultPageSize) : all;
            return XeroResponse.Ok(Collection(
                XeroRender.Envelope(Guid.NewGuid(), now),
                "Payments",
                slice.Select(x => XeroRender.Payment(x.Payment, x.Document)),
                page is { } pg ? (Math.Max(pg, 1), DefaultPageSize, all.Count) : null));
        }
    }

    /// <summary>A customer pays an invoice (sandbox admin, CONTRACTS §1 /_sandbox/pay); null on success, else why not.</summary>
    public string? Pay(string invoiceNumber, decimal? amount, DateOnly? date)
    {
        var element = new JsonObject
        {
            ["Invoice"] = new JsonObject { ["InvoiceNumber"] = invoiceNumber },
            ["Account"] = new JsonObject { ["Code"] = "090" },
            ["Reference"] = "Sandbox payment",
        };
        if (amount is { } a)
        {
            element["Amount"] = a;
        }

        if (date is { } d)
        {
            element["Date"] = d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        lock (_gate)
        {
            var (_, errors) = WritePayment(element, time.GetUtcNow());
            return errors.Count == 0 ? null : string.Join("; ", errors);
        }
    }

    private (JsonObject? Saved, List<string> Errors) WritePayment(JsonObject element, DateTimeOffset now)
    {
        var invoiceRef = XeroJsonFields.Object(element, "Invoice");
        var invoiceId = invoiceRef is null ? null : XeroJsonFields.Guid(invoiceRef, "InvoiceID");
        var invoiceNumber = (invoiceRef is null ? null : XeroJsonFields.String(invoiceRef, "InvoiceNumber"))
            ?? XeroJsonFields.String(element, "InvoiceNumber");
        var invoice = invoiceId is { } id
            ? _documents.Find(d => !d.IsCreditNote && d.Id == id)
            : invoiceNumber is null ? null : _documents.Find(d => !d.IsCreditNote && d.Type == "ACCREC" && d.Number == invoiceNumber);
        if (invoice is null)
        {
            return (null, ["Invoice could not be found"]);
        }

        var accountRef = XeroJsonFields.Object(element, "Account");
        var accountCode = (accountRef is null ? null : XeroJsonFields.String(accountRef, "Code") ?? XeroJsonFields.String(accountRef, "AccountID"))
            ?? XeroJsonFields.String(element, "Code");
        var errors = new List<string>();
        if (string.IsNullOrEmpty(accountCode))
        {
            errors.Add("Account Code or AccountID must be specified");
        }

        // reference §1.7: only AUTHORISED documents accept payments, never above the amount outstanding.
        if (invoice.Status != "AUTHORISED")
        {
            errors.Add(XeroMessages.PaymentsOnlyAgainstAuthorised);
        }

        var amount = XeroJsonFields.Decimal(element, "Amount") ?? invoice.AmountDue;
        if (amount <= 0m)
        {
            errors.Add("Payment amount must be greater than zero");
        }
        else if (amount > invoice.AmountDue)
        {
            errors.Add(XeroMessages.PaymentExceedsOutstanding);
        }

        var dateText = XeroJsonFields.String(element, "Date");
        var date = XeroDates.ParseDate(dateText) ?? DateOnly.FromDateTime(now.UtcDateTime);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var payment = new XeroPaymentRecord(Guid.NewGuid(), invoice.Id, date, amount, accountCode, XeroJsonFields.String(element, "Reference"), now);
        invoice.Payments.Add(payment);
        if (invoice.AmountDue == 0m)
        {
            invoice.Status = "PAID";
            invoice.FullyPaidOnDate = invoice.Payments.Max(p => p.Date);
        }

        invoice.UpdatedDateUTC = now;
        return (XeroRender.Payment(payment, invoice), []);
    }
}
