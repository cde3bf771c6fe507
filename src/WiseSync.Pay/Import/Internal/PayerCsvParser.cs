using System.Globalization;

namespace WiseSync.Pay.Internal;

/// <summary>Turns the payer CSV layout (see the package README) into payers and per-row errors.</summary>
internal static class PayerCsvParser
{
    public const string PayerId = "payer_id";
    public const string PsaCompanyId = "psa_company_id";
    public const string AccountingCustomerId = "accounting_customer_id";
    public const string Name = "name";
    public const string Active = "active";
    public const string AutoPayTermsColumn = "autopay_terms";

    public static readonly IReadOnlyList<string> Columns =
    [
        PayerId, PsaCompanyId, AccountingCustomerId, Name, Active,
        "primary_type", "primary_label", "primary_last4",
        "secondary_type", "secondary_label", "secondary_last4",
        AutoPayTermsColumn,
    ];

    public static async Task<(IReadOnlyList<(int Row, Payer Payer)> Payers, IReadOnlyList<PayerImportError> Errors)> ParseAsync(TextReader csv, CancellationToken cancellationToken)
    {
        var text = await csv.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        var payers = new List<(int, Payer)>();
        var errors = new List<PayerImportError>();
        Dictionary<string, int>? header = null;
        var seenIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var seenCompanies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (row, fields) in CsvRecordReader.Read(text))
        {
            if (header is null)
            {
                header = ReadHeader(row, fields, errors);
                if (header is null)
                {
                    return (payers, errors);
                }

                continue;
            }

            var error = ParseRow(header, fields, out var payer);
            if (error is null && seenIds.TryGetValue(payer!.Id, out var firstRow))
            {
                error = $"payer_id '{payer.Id}' already appears on row {firstRow}.";
            }
            else if (error is null && seenCompanies.TryGetValue(payer!.PsaCompanyId, out var companyRow))
            {
                error = $"psa_company_id '{payer.PsaCompanyId}' already has a payer on row {companyRow}; a company has one payer.";
            }

            if (error is not null)
            {
                errors.Add(new PayerImportError(row, error));
                continue;
            }

            seenIds[payer!.Id] = row;
            seenCompanies[payer.PsaCompanyId] = row;
            payers.Add((row, payer));
        }

        if (header is null)
        {
            errors.Add(new PayerImportError(1, $"The file is empty; the first row must be the header: {string.Join(",", Columns)}."));
        }

        return (payers, errors);
    }

    private static Dictionary<string, int>? ReadHeader(int row, IReadOnlyList<string> fields, List<PayerImportError> errors)
    {
        var header = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < fields.Count; i++)
        {
            var name = fields[i].Trim();
            if (!Columns.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new PayerImportError(row, $"Unknown column '{name}'; the columns are {string.Join(",", Columns)}."));
            }
            else if (!header.TryAdd(name, i))
            {
                errors.Add(new PayerImportError(row, $"Column '{name}' appears twice."));
            }
        }

        if (!header.ContainsKey(PayerId) || !header.ContainsKey(PsaCompanyId))
        {
            errors.Add(new PayerImportError(row, $"The header must name at least {PayerId} and {PsaCompanyId}; nothing was imported."));
            return null;
        }

        return header;
    }

    private static string? ParseRow(Dictionary<string, int> header, IReadOnlyList<string> fields, out Payer? payer)
    {
        payer = null;
        string Get(string column) => header.TryGetValue(column, out var i) && i < fields.Count ? fields[i].Trim() : string.Empty;

        // Checked first and over every cell, so a card number pasted into any column never gets further.
        foreach (var (column, index) in header)
        {
            if (index < fields.Count && PaymentDataGuard.ContainsCardNumber(fields[index]))
            {
                return $"column {column} contains a full card number; Wise-Pay takes only a label and the last four digits (the number was not stored).";
            }
        }

        if (fields.Count > header.Values.Max() + 1)
        {
            return $"the row has {fields.Count} fields but the header has {header.Count}.";
        }

        var id = Get(PayerId);
        var company = Get(PsaCompanyId);
        if (id.Length == 0)
        {
            return $"{PayerId} is required.";
        }

        if (company.Length == 0)
        {
            return $"{PsaCompanyId} is required.";
        }

        bool active;
        switch (Get(Active).ToLowerInvariant())
        {
            case "" or "true" or "yes" or "y" or "1":
                active = true;
                break;
            case "false" or "no" or "n" or "0":
                active = false;
                break;
            default:
                return $"active must be true or false, not {Echo(Get(Active))}.";
        }

        var primaryError = ParseMethod("primary", Get, out var primary);
        if (primaryError is not null)
        {
            return primaryError;
        }

        var secondaryError = ParseMethod("secondary", Get, out var secondary);
        if (secondaryError is not null)
        {
            return secondaryError;
        }

        var termsError = ParseTerms(Get(AutoPayTermsColumn), out var terms);
        if (termsError is not null)
        {
            return termsError;
        }

        payer = new Payer(id, company)
        {
            AccountingCustomerId = NullIfEmpty(Get(AccountingCustomerId)),
            Name = NullIfEmpty(Get(Name)),
            IsActive = active,
            Primary = primary,
            Secondary = secondary,
            AutoPayTerms = terms,
        };
        return null;
    }

    private static string? ParseMethod(string prefix, Func<string, string> get, out PaymentMethod? method)
    {
        method = null;
        var type = get(prefix + "_type");
        var label = get(prefix + "_label");
        var last4 = get(prefix + "_last4");
        if (PaymentDataGuard.FindSensitive(label) is not null)
        {
            return $"column {prefix}_label contains a full card or account number; give a label such as 'Visa' and the last four digits (the number was not stored).";
        }

        if (PaymentDataGuard.FindSensitive(last4) is not null)
        {
            return $"column {prefix}_last4 holds a full card or account number; give only the last four digits (the number was not stored).";
        }

        if (type.Length == 0)
        {
            return label.Length == 0 && last4.Length == 0 ? null : $"{prefix}_type is required when {prefix}_label or {prefix}_last4 is given (card or bank_account).";
        }

        PaymentMethodKind kind;
        switch (type.ToLowerInvariant())
        {
            case "card" or "credit_card" or "credit card":
                kind = PaymentMethodKind.Card;
                break;
            case "bank_account" or "bank account" or "bank" or "ach":
                kind = PaymentMethodKind.BankAccount;
                break;
            default:
                return $"{prefix}_type must be card or bank_account, not {Echo(type)}.";
        }

        if (label.Length == 0)
        {
            return $"{prefix}_label is required (e.g. 'Visa' or 'Chase checking').";
        }

        if (last4.Length != 4 || !last4.All(char.IsAsciiDigit))
        {
            return $"{prefix}_last4 must be exactly four digits, not {Echo(last4)}.";
        }

        try
        {
            method = new PaymentMethod(kind, label, last4);
            return null;
        }
        catch (ArgumentException)
        {
            return $"{prefix}_label must be 1 to 64 characters.";
        }
    }

    /// <summary>Parses <c>Net 30=due|Net 15=after:5|Monthly=day:31</c>.</summary>
    internal static string? ParseTerms(string text, out IReadOnlyList<AutoPayTerms> terms)
    {
        var list = new List<AutoPayTerms>();
        terms = list;
        if (text.Length == 0)
        {
            return null;
        }

        foreach (var part in text.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.LastIndexOf('=');
            var name = equals > 0 ? part[..equals].Trim() : string.Empty;
            var when = equals > 0 ? part[(equals + 1)..].Trim().ToLowerInvariant() : string.Empty;
            if (name.Length == 0 || when.Length == 0)
            {
                return $"autopay_terms entry {Echo(part)} must look like 'Net 30=due', 'Net 15=after:5' or 'Monthly=day:31'.";
            }

            if (when == "due")
            {
                list.Add(AutoPayTerms.OnDueDate(name));
                continue;
            }

            var colon = when.IndexOf(':', StringComparison.Ordinal);
            var kind = colon > 0 ? when[..colon] : when;
            var valid = int.TryParse(colon > 0 ? when[(colon + 1)..] : string.Empty, NumberStyles.None, CultureInfo.InvariantCulture, out var value);
            switch (kind)
            {
                case "after" when valid && value <= 365:
                    list.Add(AutoPayTerms.DaysAfterInvoiceDate(name, value));
                    break;
                case "day" when valid && value is >= 1 and <= 31:
                    list.Add(AutoPayTerms.DayOfMonth(name, value));
                    break;
                default:
                    return $"autopay_terms entry {Echo(part)}: the timing must be 'due', 'after:N' (0–365 days) or 'day:D' (1–31).";
            }
        }

        return null;
    }

    // Repeats a bad value so a person can find it, unless it holds a long number that might be a card or account.
    private static string Echo(string value) =>
        PaymentDataGuard.FindSensitive(value) is null ? $"'{value}'" : "a value holding a long number (not repeated)";

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
