namespace WiseSync.Sandbox.Xero;

internal sealed partial class XeroAccountingStore
{
    // [?] Xero's wording for editing a voided/deleted document is unconfirmed.
    private const string NotValidStatusForModification = "Invoice not of valid status for modification";

    /// <summary>GET /Invoices or GET /CreditNotes.</summary>
    public XeroResponse GetDocuments(bool creditNotes, XeroDocumentQuery query)
    {
        if (!XeroWhereFilter.TryParse(query.Where, out var where, out var invalid))
            return invalid!;

        var now = time.GetUtcNow();
        lock (_gate)
        {
            IEnumerable<XeroDocumentRecord> found = _documents.Where(d => d.IsCreditNote == creditNotes);
            if (query.Ids is { Count: > 0 } ids)
            {
                var wanted = ids.ToHashSet();
                found = found.Where(d => wanted.Contains(d.Id));
            }

            if (query.Numbers is { Count: > 0 } numbers)
            {
                var wanted = numbers.ToHashSet(StringComparer.Ordinal);
                found = found.Where(d => d.Number is not null && wanted.Contains(d.Number));
            }

            if (query.CreatedByApp is { } app)
            {
                found = found.Where(d => d.CreatedByApp == app);
            }

            if (query.ContactIds is { Count: > 0 } contacts)
            {
                var wanted = contacts.ToHashSet();
                found = found.Where(d => wanted.Contains(d.ContactID));
            }

            if (query.Statuses is { Count: > 0 } statuses)
            {
                var wanted = statuses.ToHashSet(StringComparer.OrdinalIgnoreCase);
                found = found.Where(d => wanted.Contains(d.Status));
            }

            if (query.ModifiedSince is { } since)
            {
                // If-Modified-Since is accurate to the second (reference §1.6 Reading invoices).
                var floor = DateTimeOffset.FromUnixTimeSeconds(since.ToUnixTimeSeconds());
                found = found.Where(d => d.UpdatedDateUTC >= floor);
            }

            if (where is not null)
            {
                found = found.Where(d => where.Matches(field => DocumentField(d, field)));
            }

            if (!string.IsNullOrWhiteSpace(query.SearchTerm))
            {
                var term = query.SearchTerm;
                found = found.Where(d => d.Number?.Contains(term, StringComparison.OrdinalIgnoreCase) == true
                    || d.Reference?.Contains(term, StringComparison.OrdinalIgnoreCase) == true);
            }

            // Paged answers carry line items; unpaged ones leave line detail out (reference §1.6 Paging).
            return Listing(
                found.OrderBy(d => d.UpdatedDateUTC).ThenBy(d => d.Number, StringComparer.Ordinal),
                creditNotes ? "CreditNotes" : "Invoices",
                query.Page,
                query.PageSize,
                now,
                (d, paged) => XeroRender.Document(d, FindContact(d.ContactID), withLines: paged && !query.SummaryOnly));
        }
    }

    /// <summary>GET /Invoices/{InvoiceID} (or the number, as the legacy docs allow) and GET /CreditNotes/{CreditNoteID}.</summary>
    public XeroResponse GetDocument(bool creditNote, string idOrNumber)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var document = Guid.TryParse(idOrNumber, out var id)
                ? _documents.Find(d => d.IsCreditNote == creditNote && d.Id == id)
                : _documents.Find(d => d.IsCreditNote == creditNote && d.Number == idOrNumber);
            return document is null
                ? XeroResponse.NotFound($"{(creditNote ? "Credit note" : "Invoice")} '{idOrNumber}' not found")
                : XeroResponse.Ok(Collection(
                    XeroRender.Envelope(Guid.NewGuid(), now),
                    creditNote ? "CreditNotes" : "Invoices",
                    [XeroRender.Document(document, FindContact(document.ContactID), withLines: true)],
                    null));
        }
    }

    /// <summary>
    /// PUT (create only) or POST (update or create) of /Invoices or /CreditNotes. <paramref name="app"/> is who creates new
    /// documents: the calling app's client id, or null for a person in Xero's web app (sandbox admin).
    /// </summary>
    public XeroResponse WriteDocuments(JsonNode? body, bool creditNotes, bool createOnly, bool summarizeErrors, bool fourDecimalUnits, string? app) =>
        RunBatch(
            body,
            creditNotes ? "CreditNotes" : "Invoices",
            "HasErrors",
            summarizeErrors,
            (element, now) => WriteDocument(element, creditNotes, createOnly, fourDecimalUnits, app, now));

    private (JsonObject? Saved, List<string> Errors) WriteDocument(JsonObject element, bool creditNote, bool createOnly, bool fourDecimalUnits, string? app, DateTimeOffset now)
    {
        var errors = new List<string>();
        var idField = creditNote ? "CreditNoteID" : "InvoiceID";
        var numberField = creditNote ? "CreditNoteNumber" : "InvoiceNumber";
        var id = XeroJsonFields.Guid(element, idField);
        var number = XeroJsonFields.String(element, numberField);
        var type = XeroJsonFields.String(element, "Type");
        string[] validTypes = creditNote ? ["ACCRECCREDIT", "ACCPAYCREDIT"] : ["ACCREC", "ACCPAY"];

        XeroDocumentRecord? existing = null;
        if (!createOnly && id is { } given)
        {
            existing = _documents.Find(d => d.IsCreditNote == creditNote && d.Id == given);
            if (existing is null)
            {
                return (null, [$"{(creditNote ? "Credit note" : "Invoice")} with {idField} {given} could not be found"]);
            }
        }

        var effectiveType = type ?? existing?.Type;
        if (effectiveType is null)
        {
            errors.Add($"{(creditNote ? "Credit Note" : "Invoice")} Type must be specified");
        }
        else if (!validTypes.Contains(effectiveType))
        {
            errors.Add($"Type {effectiveType} is not valid here");
        }

        // Sales documents carry unique numbers: PUT refuses a taken number, POST updates the holder (reference §1.6, pyxero#328).
        var uniqueNumbers = effectiveType is "ACCREC" or "ACCRECCREDIT";
        if (existing is null && uniqueNumbers && !string.IsNullOrEmpty(number))
        {
            var holder = _documents.Find(d => d.IsCreditNote == creditNote && d.Type == effectiveType && d.Number == number && d.Status != "DELETED");
            if (holder is not null)
            {
                if (createOnly)
                {
                    errors.Add(creditNote ? XeroMessages.CreditNoteNumberNotUnique : XeroMessages.InvoiceNumberNotUnique);
                    return (null, errors);
                }

                existing = holder;
            }
        }
        else if (existing is not null && uniqueNumbers && !string.IsNullOrEmpty(number)
            && _documents.Exists(d => d != existing && d.IsCreditNote == creditNote && d.Type == effectiveType && d.Number == number && d.Status != "DELETED"))
        {
            errors.Add(creditNote ? XeroMessages.CreditNoteNumberNotUnique : XeroMessages.InvoiceNumberNotUnique);
        }

        if (existing is not null)
        {
            // Xero-NetStandard#84: documents with payments or credit allocated cannot be edited.
            if (existing.AmountPaid != 0m || existing.AmountCredited != 0m)
            {
                return (null, [XeroMessages.DocumentHasAllocations]);
            }

            if (existing.Status is "VOIDED" or "DELETED" or "PAID")
            {
                return (null, [NotValidStatusForModification]);
            }
        }

        CheckLength(errors, numberField, number, 255);

        // The contact: by ContactID, else ContactNumber, else Name.
        Guid? contactId = existing?.ContactID;
        if (XeroJsonFields.Object(element, "Contact") is { } contactRef)
        {
            var refId = XeroJsonFields.Guid(contactRef, "ContactID");
            var refNumber = XeroJsonFields.String(contactRef, "ContactNumber");
            var refName = XeroJsonFields.String(contactRef, "Name");
            var contact = refId is { } cid ? FindContact(cid)
                : refNumber is not null ? _contacts.Find(c => c.ContactNumber == refNumber)
                : refName is not null ? _contacts.Find(c => c.ContactStatus == "ACTIVE" && c.Name == refName)
                : null;
            if (contact is null)
            {
                errors.Add(refId is null && refNumber is null && refName is null
                    ? "The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber"
                    : "The contact could not be found");
            }
            else
            {
                contactId = contact.ContactID;
            }
        }
        else if (contactId is null)
        {
            errors.Add("A Contact must be specified for this type of transaction");
        }

        var dateText = XeroJsonFields.String(element, "Date");
        var date = XeroDates.ParseDate(dateText);
        if (dateText is not null && date is null)
        {
            errors.Add($"The date '{dateText}' is not valid");
        }

        var effectiveDate = date ?? existing?.Date ?? DateOnly.FromDateTime(now.UtcDateTime);
        var dueText = XeroJsonFields.String(element, "DueDate");
        var dueDate = XeroDates.ParseDate(dueText);
        if (dueText is not null && dueDate is null)
        {
            errors.Add($"The due date '{dueText}' is not valid");
        }

        var status = XeroJsonFields.String(element, "Status") ?? existing?.Status ?? "DRAFT";
        if (status is not ("DRAFT" or "SUBMITTED" or "AUTHORISED" or "VOIDED" or "DELETED"))
        {
            errors.Add($"Status {status} cannot be set on a {(creditNote ? "credit note" : "invoice")}");
        }
        else if (existing is null && status is "VOIDED" or "DELETED")
        {
            errors.Add($"A new {(creditNote ? "credit note" : "invoice")} cannot be created as {status}");
        }
        else if (existing is { Status: "AUTHORISED" } && status is "DRAFT" or "SUBMITTED")
        {
            errors.Add(NotValidStatusForModification);
        }

        var amountTypes = XeroJsonFields.String(element, "LineAmountTypes") ?? existing?.LineAmountTypes ?? "Exclusive";
        if (amountTypes is not ("Exclusive" or "Inclusive" or "NoTax"))
        {
            errors.Add($"LineAmountTypes {amountTypes} is not valid");
        }

        var currency = XeroJsonFields.String(element, "CurrencyCode") ?? existing?.CurrencyCode ?? Organisation.BaseCurrency;
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            errors.Add($"Currency code {currency} is not valid");
        }

        List<XeroLineItemRecord>? lines = null;
        if (XeroJsonFields.Array(element, "LineItems") is { } postedLines)
        {
            lines = [];
            foreach (var line in postedLines)
            {
                lines.Add(ReadLine(line, amountTypes, fourDecimalUnits, errors));
            }
        }

        // Transactions dated on or before a lock date are refused (reference §1.6 Updating rules).
        if (Organisation.EffectiveLock is { } lockDate && effectiveDate <= lockDate.Date)
        {
            errors.Add(XeroMessages.LockDate(lockDate.Date, lockDate.EndOfYear));
        }

        var saved = Upsert(
            errors,
            _documents,
            existing,
            () => new XeroDocumentRecord
            {
                Id = Guid.NewGuid(),
                IsCreditNote = creditNote,
                Type = effectiveType!,
                ContactID = contactId!.Value,
                CreatedByApp = app,
            },
            document =>
            {
                document.Type = effectiveType!;
                document.ContactID = contactId!.Value;
                document.Number = number ?? document.Number ?? NextNumber(creditNote);
                document.Reference = XeroJsonFields.String(element, "Reference") ?? document.Reference;
                document.Url = XeroJsonFields.String(element, "Url") ?? document.Url;
                document.BrandingThemeID = XeroJsonFields.String(element, "BrandingThemeID") ?? document.BrandingThemeID;
                document.Date = effectiveDate;
                document.DueDate = dueDate ?? document.DueDate;
                document.Status = status;
                document.LineAmountTypes = amountTypes;
                document.CurrencyCode = currency;

                // Lines sent replace all lines; lines left out are deleted (reference §1.6 Updating rules).
                if (lines is not null)
                {
                    document.LineItems = lines;
                }

                var lineSum = document.LineItems.Sum(l => l.LineAmount);
                var taxSum = document.LineItems.Sum(l => l.TaxAmount);
                (document.SubTotal, document.TotalTax, document.Total) = amountTypes == "Inclusive"
                    ? (lineSum - taxSum, taxSum, lineSum)
                    : (lineSum, taxSum, lineSum + taxSum);
                document.UpdatedDateUTC = now;
            });
        if (saved is null)
        {
            return (null, errors);
        }

        if (saved.Type == "ACCREC" && FindContact(saved.ContactID) is { } customer)
        {
            customer.IsCustomer = true;
        }

        return (XeroRender.Document(saved, FindContact(saved.ContactID), withLines: true), []);
    }

    private static XeroLineItemRecord ReadLine(JsonObject line, string amountTypes, bool fourDecimalUnits, List<string> errors)
    {
        var description = XeroJsonFields.String(line, "Description");
        var itemCode = XeroJsonFields.String(line, "ItemCode");
        if (string.IsNullOrEmpty(description) && string.IsNullOrEmpty(itemCode))
        {
            errors.Add("Description needs to be at least 1 char long");
        }

        if (itemCode is { Length: > 30 })
        {
            errors.Add(XeroMessages.ItemCodeTooLong);
        }

        var quantity = XeroJsonFields.Decimal(line, "Quantity");
        var unit = XeroJsonFields.Decimal(line, "UnitAmount");

        // Unit amounts keep 2 decimals unless unitdp=4 is asked for (reference §1.6 Key fields).
        if (unit is { } u)
        {
            unit = Math.Round(u, fourDecimalUnits ? 4 : 2, MidpointRounding.AwayFromZero);
        }

        var lineAmount = XeroJsonFields.Decimal(line, "LineAmount")
            ?? Math.Round((quantity ?? (unit is null ? 0m : 1m)) * (unit ?? 0m), 2, MidpointRounding.AwayFromZero);
        var tax = amountTypes == "NoTax" ? 0m : XeroJsonFields.Decimal(line, "TaxAmount") ?? 0m;
        var tracking = new List<(string, string)>();
        if (XeroJsonFields.Array(line, "Tracking") is { } posted)
        {
            if (posted.Count > 2)
            {
                errors.Add("A line item can have a maximum of 2 tracking categories");
            }

            foreach (var t in posted)
            {
                var name = XeroJsonFields.String(t, "Name") ?? string.Empty;
                CheckLength(errors, "Tracking Name", name, 100);
                tracking.Add((name, XeroJsonFields.String(t, "Option") ?? string.Empty));
            }
        }

        return new XeroLineItemRecord(
            XeroJsonFields.Guid(line, "LineItemID") ?? Guid.NewGuid(),
            description,
            quantity,
            unit,
            itemCode,
            XeroJsonFields.String(line, "AccountCode"),
            XeroJsonFields.String(line, "TaxType"),
            tax,
            lineAmount,
            tracking);
    }

    private string NextNumber(bool creditNote)
    {
        var prefix = creditNote ? "CN-" : "INV-";
        return prefix + (_documents.Count(d => d.IsCreditNote == creditNote) + 1).ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static object? DocumentField(XeroDocumentRecord d, string field) => field switch
    {
        "Type" => d.Type,
        "Status" => d.Status,
        "InvoiceNumber" or "CreditNoteNumber" => d.Number,
        "Reference" => d.Reference,
        "InvoiceID" or "CreditNoteID" => d.Id.ToString(),
        "Contact.ContactID" => d.ContactID.ToString(),
        "CurrencyCode" => d.CurrencyCode,
        _ => throw new FormatException($"No property or field '{field}' exists in type 'Invoice'"),
    };
}
