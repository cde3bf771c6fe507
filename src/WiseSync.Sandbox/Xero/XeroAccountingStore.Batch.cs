namespace WiseSync.Sandbox.Xero;

internal sealed partial class XeroAccountingStore
{
    /// <summary>
    /// Runs a PUT/POST batch element by element. summarizeErrors=false: 200 with every element, failed ones flagged.
    /// Otherwise any failure makes the whole answer a 400 naming only the failed elements, while the valid ones
    /// are still saved and go unreported (reference §1.6 "Batch and summarizeErrors", SO 52706101).
    /// </summary>
    private XeroResponse RunBatch(
        JsonNode? body,
        string collection,
        string errorFlag,
        bool summarizeErrors,
        Func<JsonObject, DateTimeOffset, (JsonObject? Saved, List<string> Errors)> apply)
    {
        IReadOnlyList<JsonObject> elements;
        try
        {
            elements = XeroJsonFields.Elements(body, collection);
        }
        catch (XeroPostDataException ex)
        {
            return XeroResponse.PostDataInvalid(ex.Message);
        }

        var now = time.GetUtcNow();
        var answered = new List<JsonObject>(elements.Count);
        var failed = new JsonArray();
        lock (_gate)
        {
            foreach (var element in elements)
            {
                JsonObject? saved;
                List<string> errors;
                try
                {
                    (saved, errors) = apply(element, now);
                }
                catch (XeroPostDataException ex)
                {
                    (saved, errors) = (null, [ex.Message]);
                }

                if (errors.Count > 0 || saved is null)
                {
                    var flagged = XeroRender.ElementWithErrors(element, errors, errorFlag);
                    answered.Add(flagged);
                    failed.Add((JsonNode)flagged.DeepClone());
                }
                else
                {
                    saved["StatusAttributeString"] = "OK";
                    answered.Add(saved);
                }
            }
        }

        if (failed.Count > 0 && summarizeErrors)
        {
            return XeroResponse.Validation(failed);
        }

        return XeroResponse.Ok(Collection(XeroRender.Envelope(Guid.NewGuid(), now), collection, answered, paging: null));
    }

    /// <summary>
    /// How every element write ends: null when there are <paramref name="errors"/>; otherwise the element is applied
    /// to the record it names (a new one when it names none) and a new record joins <paramref name="records"/>.
    /// </summary>
    private static TRecord? Upsert<TRecord>(List<string> errors, List<TRecord> records, TRecord? existing, Func<TRecord> create, Action<TRecord> apply)
        where TRecord : class
    {
        if (errors.Count > 0)
        {
            return null;
        }

        var record = existing ?? create();
        apply(record);
        if (existing is null)
        {
            records.Add(record);
        }

        return record;
    }
}
