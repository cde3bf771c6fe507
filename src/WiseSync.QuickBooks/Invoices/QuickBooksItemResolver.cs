using System.Collections.Concurrent;
using WiseSync.QuickBooks.Api;
using WiseSync.QuickBooks.Dto;

namespace WiseSync.QuickBooks.Invoices;

/// <summary>
/// Maps item codes to QBO Item ids: looked up by Name in bulk, created (Service, default income account) when
/// missing, remembered in the sink's cache so later chunks cost nothing.
/// </summary>
internal sealed class QuickBooksItemResolver(QuickBooksApiClient api, QuickBooksOptions options, ConcurrentDictionary<string, string> cache)
{
    /// <summary>QBO item names hold at most 100 characters (Finance.xsd).</summary>
    public const int MaxNameLength = 100;

    private readonly ConcurrentDictionary<string, string> _ids = cache;

    public static string Clean(string code)
    {
        var cleaned = code.Trim().Replace(':', '-');
        return cleaned.Length <= MaxNameLength ? cleaned : cleaned[..MaxNameLength];
    }

    /// <summary>Ids for the given codes; codes that could not be resolved map to the default item and a warning.</summary>
    public async Task<(IReadOnlyDictionary<string, string> Ids, IReadOnlyDictionary<string, string> Warnings)> ResolveAsync(IEnumerable<string> codes, CancellationToken cancellationToken)
    {
        var warnings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var missing = codes.Select(Clean).Where(c => c.Length > 0 && !_ids.ContainsKey(c)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var chunk in missing.Chunk(200))
        {
            var rows = await api.QueryAllAsync("Item", ["Name in " + QboQuery.InList(chunk)], q => q.Item, cancellationToken).ConfigureAwait(false);
            foreach (var row in rows.Where(r => r.Id is not null && r.Name is not null))
            {
                _ids[row.Name!] = row.Id!;
            }
        }

        var toCreate = missing.Where(c => !_ids.ContainsKey(c)).ToList();
        if (toCreate.Count > 0 && !string.IsNullOrWhiteSpace(options.DefaultIncomeAccountId))
        {
            var items = toCreate.Select((name, i) => new QboBatchItemRequest
            {
                BatchId = "it" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Operation = "create",
                Item = new QboItem { Name = name, Type = "Service", IncomeAccountRef = new QboRef(options.DefaultIncomeAccountId) },
            }).ToList();
            var answers = await BatchRunner.RunAsync(api, "items", items, item => item.Item!.Name!, cancellationToken).ConfigureAwait(false);
            foreach (var item in items)
            {
                var answer = answers.GetValueOrDefault(item.BatchId);
                if (answer?.Item?.Id is { } id)
                {
                    _ids[item.Item!.Name!] = id;
                }
                else
                {
                    warnings[item.Item!.Name!] = $"Item '{item.Item.Name}' could not be created in QuickBooks ({QuickBooksFaults.Describe(answer?.Fault)}); the default item was used.";
                }
            }
        }
        else
        {
            foreach (var name in toCreate)
            {
                warnings[name] = $"Item '{name}' does not exist in QuickBooks and no default income account is configured to create it; the default item was used.";
            }
        }

        return (new Dictionary<string, string>(_ids, StringComparer.OrdinalIgnoreCase), warnings);
    }
}
