namespace WiseSync.Sandbox.Xero;

/// <summary>What an emulated Xero operation answers: an HTTP status and a JSON body.</summary>
internal sealed record XeroResponse(int Status, JsonNode Body)
{
    public static XeroResponse Ok(JsonNode body) => new(200, body);

    public static XeroResponse NotFound(string message) =>
        new(404, new JsonObject { ["Title"] = "Resource Not Found", ["Status"] = 404, ["Detail"] = message });

    /// <summary>Xero's body for JSON it cannot read (ErrorNumber 14, reference §1.3).</summary>
    public static XeroResponse PostDataInvalid(string message) =>
        new(400, new JsonObject { ["ErrorNumber"] = 14, ["Type"] = "PostDataInvalidException", ["Message"] = message });

    /// <summary>
    /// Xero's refusal of a filter too costly for a large organisation: 400, ErrorNumber 51, HighVolumeException, with
    /// the message Xero gives for Contacts (Xero-NetStandard#604, xero-python#148).
    /// </summary>
    public static XeroResponse HighVolume(string collection) =>
        new(400, new JsonObject
        {
            ["ErrorNumber"] = 51,
            ["Type"] = "HighVolumeException",
            ["Message"] = $"Your request is not filtering {collection} efficiently, given the extremely high volume for this organisation. "
                + $"Please check https://developer.xero.com/documentation/api/efficient-data-retrieval for tips on making {collection.TrimEnd('s')} retrieval more efficient.",
        });

    /// <summary>Xero's validation exception (ErrorNumber 10) with the failed elements.</summary>
    public static XeroResponse Validation(JsonArray elements) =>
        new(400, new JsonObject
        {
            ["ErrorNumber"] = 10,
            ["Type"] = "ValidationException",
            ["Message"] = "A validation exception occurred",
            ["Elements"] = elements,
        });
}

/// <summary>A request body Xero cannot read.</summary>
internal sealed class XeroPostDataException(string message) : Exception(message);
