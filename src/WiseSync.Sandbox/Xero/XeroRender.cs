namespace WiseSync.Sandbox.Xero;

/// <summary>Renders the emulator's records in the shapes of xero_accounting.yaml (PascalCase, MS dates).</summary>
internal static class XeroRender
{
    /// <summary>The envelope fields Xero puts on every collection answer (shown in the spec's response examples).</summary>
    public static JsonObject Envelope(Guid requestId, DateTimeOffset now) => new()
    {
        ["Id"] = requestId.ToString(),
        ["Status"] = "OK",
        ["ProviderName"] = "WiseSync Sandbox",
        ["DateTimeUTC"] = XeroDates.ToMsDateTime(now),
    };

    public static JsonObject Contact(XeroContactRecord c, bool detailed)
    {
        var o = new JsonObject
        {
            ["ContactID"] = c.ContactID.ToString(),
            ["ContactStatus"] = c.ContactStatus,
            ["Name"] = c.Name,
        };
        AddIf(o, "ContactNumber", c.ContactNumber);
        AddIf(o, "AccountNumber", c.AccountNumber);
        AddIf(o, "FirstName", c.FirstName);
        AddIf(o, "LastName", c.LastName);
        AddIf(o, "EmailAddress", c.EmailAddress);
        AddIf(o, "CompanyNumber", c.CompanyNumber);
        AddIf(o, "TaxNumber", c.TaxNumber);
        o["ContactPersons"] = new JsonArray(c.ContactPersons.Select(p => (JsonNode)Person(p)).ToArray());
        o["Addresses"] = new JsonArray();
        o["Phones"] = new JsonArray();
        o["ContactGroups"] = new JsonArray();
        o["IsSupplier"] = false;
        o["IsCustomer"] = c.IsCustomer;
        o["UpdatedDateUTC"] = XeroDates.ToMsDateTime(c.UpdatedDateUTC);
        o["HasAttachments"] = false;
        o["HasValidationErrors"] = false;

        // schemas.Contact: MergedToContactID is "only returned when using paging or when fetching a contact by ContactId or ContactNumber".
        if (detailed && c.MergedToContactID is { } merged)
        {
            o["MergedToContactID"] = merged.ToString();
        }

        return o;
    }

    public static JsonObject ContactSummary(XeroContactRecord c)
    {
        var o = new JsonObject { ["ContactID"] = c.ContactID.ToString(), ["Name"] = c.Name };
        AddIf(o, "ContactNumber", c.ContactNumber);
        o["ContactPersons"] = new JsonArray();
        o["HasValidationErrors"] = false;
        return o;
    }

    public static JsonObject Document(XeroDocumentRecord d, XeroContactRecord? contact, bool withLines)
    {
        var o = new JsonObject { ["Type"] = d.Type };
        o[d.IsCreditNote ? "CreditNoteID" : "InvoiceID"] = d.Id.ToString();
        AddIf(o, d.IsCreditNote ? "CreditNoteNumber" : "InvoiceNumber", d.Number);
        AddIf(o, "Reference", d.Reference);
        o["Payments"] = new JsonArray(d.Payments.Select(p => (JsonNode)Payment(p, null)).ToArray());
        if (!d.IsCreditNote)
        {
            o["CreditNotes"] = new JsonArray();
            o["Prepayments"] = new JsonArray();
            o["Overpayments"] = new JsonArray();
            o["AmountDue"] = d.AmountDue;
            o["AmountPaid"] = d.AmountPaid;
            o["AmountCredited"] = d.AmountCredited;
            o["IsDiscounted"] = false;
        }
        else
        {
            o["RemainingCredit"] = d.AmountDue;
            o["Allocations"] = new JsonArray();
        }

        o["CurrencyRate"] = 1.0m;
        o["HasErrors"] = false;
        o["HasAttachments"] = false;
        o["Contact"] = contact is null ? new JsonObject { ["ContactID"] = d.ContactID.ToString() } : ContactSummary(contact);
        if (!d.IsCreditNote)
        {
            // DateString/DueDateString appear in the spec's own response examples (GET /Invoices), not in the schema.
            o["DateString"] = XeroDates.ToIsoDateString(d.Date);
        }

        o["Date"] = XeroDates.ToMsDate(d.Date);
        if (d.DueDate is { } due)
        {
            if (!d.IsCreditNote)
            {
                o["DueDateString"] = XeroDates.ToIsoDateString(due);
            }

            o["DueDate"] = XeroDates.ToMsDate(due);
        }

        o["Status"] = d.Status;
        o["LineAmountTypes"] = d.LineAmountTypes;
        o["LineItems"] = withLines ? new JsonArray(d.LineItems.Select(l => (JsonNode)Line(l)).ToArray()) : new JsonArray();
        o["SubTotal"] = d.SubTotal;
        o["TotalTax"] = d.TotalTax;
        o["Total"] = d.Total;
        o["UpdatedDateUTC"] = XeroDates.ToMsDateTime(d.UpdatedDateUTC);
        o["UpdatedDateUTCString"] = XeroDates.ToIsoUtc(d.UpdatedDateUTC);
        o["CurrencyCode"] = d.CurrencyCode;
        AddIf(o, "Url", d.Url);
        AddIf(o, "BrandingThemeID", d.BrandingThemeID);
        if (d.FullyPaidOnDate is { } paid)
        {
            o["FullyPaidOnDate"] = XeroDates.ToMsDate(paid);
        }

        return o;
    }

    public static JsonObject Line(XeroLineItemRecord l)
    {
        var o = new JsonObject { ["LineItemID"] = l.LineItemID.ToString() };
        AddIf(o, "Description", l.Description);
        if (l.Quantity is { } q)
        {
            o["Quantity"] = q;
        }

        if (l.UnitAmount is { } u)
        {
            o["UnitAmount"] = u;
        }

        AddIf(o, "ItemCode", l.ItemCode);
        AddIf(o, "AccountCode", l.AccountCode);
        AddIf(o, "TaxType", l.TaxType);
        o["TaxAmount"] = l.TaxAmount;
        o["LineAmount"] = l.LineAmount;
        o["Tracking"] = new JsonArray(l.Tracking.Select(t => (JsonNode)new JsonObject { ["Name"] = t.Name, ["Option"] = t.Option }).ToArray());
        return o;
    }

    public static JsonObject Payment(XeroPaymentRecord p, XeroDocumentRecord? invoice)
    {
        var o = new JsonObject
        {
            ["PaymentID"] = p.PaymentID.ToString(),
            ["Date"] = XeroDates.ToMsDate(p.Date),
            ["Amount"] = p.Amount,
            ["CurrencyRate"] = 1.0m,
            ["Status"] = "AUTHORISED",
            ["PaymentType"] = "ACCRECPAYMENT",
            ["UpdatedDateUTC"] = XeroDates.ToMsDateTime(p.UpdatedDateUTC),
            ["HasAccount"] = p.AccountCode is not null,
            ["HasValidationErrors"] = false,
        };
        AddIf(o, "Reference", p.Reference);
        if (invoice is not null)
        {
            o["Invoice"] = new JsonObject
            {
                ["InvoiceID"] = invoice.Id.ToString(),
                ["InvoiceNumber"] = invoice.Number,
                ["Type"] = invoice.Type,
            };
        }

        if (p.AccountCode is not null)
        {
            o["Account"] = new JsonObject { ["Code"] = p.AccountCode };
        }

        return o;
    }

    public static JsonObject Item(XeroItemRecord i)
    {
        var o = new JsonObject { ["ItemID"] = i.ItemID.ToString(), ["Code"] = i.Code };
        AddIf(o, "Name", i.Name);
        AddIf(o, "Description", i.Description);
        o["UpdatedDateUTC"] = XeroDates.ToMsDateTime(i.UpdatedDateUTC);
        return o;
    }

    public static JsonObject Organisation(XeroOrganisationSettings s, DateTimeOffset now)
    {
        var o = new JsonObject
        {
            ["OrganisationID"] = s.OrganisationID.ToString(),
            ["Name"] = s.Name,
            ["LegalName"] = s.Name,
            ["PaysTax"] = true,
            ["Version"] = s.CountryCode,
            ["OrganisationType"] = "COMPANY",
            ["BaseCurrency"] = s.BaseCurrency,
            ["CountryCode"] = s.CountryCode,
            ["IsDemoCompany"] = false,
            ["OrganisationStatus"] = "ACTIVE",
            ["ShortCode"] = s.ShortCode,
            ["Class"] = "STANDARD",
            ["CreatedDateUTC"] = XeroDates.ToMsDateTime(now.AddYears(-3)),
        };
        if (s.PeriodLockDate is { } p)
        {
            o["PeriodLockDate"] = XeroDates.ToMsDate(p);
        }

        if (s.EndOfYearLockDate is { } e)
        {
            o["EndOfYearLockDate"] = XeroDates.ToMsDate(e);
        }

        return o;
    }

    /// <summary>Marks a submitted element as failed, the way summarizeErrors=false answers it.</summary>
    public static JsonObject ElementWithErrors(JsonObject submitted, IEnumerable<string> messages, string errorFlag)
    {
        var o = (JsonObject)submitted.DeepClone();
        o["ValidationErrors"] = new JsonArray(messages.Select(m => (JsonNode)new JsonObject { ["Message"] = m }).ToArray());
        o[errorFlag] = true;
        o["StatusAttributeString"] = "ERROR";
        return o;
    }

    private static JsonObject Person(XeroContactPersonRecord p)
    {
        var o = new JsonObject();
        AddIf(o, "FirstName", p.FirstName);
        AddIf(o, "LastName", p.LastName);
        AddIf(o, "EmailAddress", p.EmailAddress);
        o["IncludeInEmails"] = p.IncludeInEmails;
        return o;
    }

    private static void AddIf(JsonObject o, string name, string? value)
    {
        if (value is not null)
        {
            o[name] = value;
        }
    }
}
