namespace WiseSync.Sandbox.QuickBooks;

/// <summary>An error the emulated QBO answers with, in Intuit's Fault shape (reference Part 2.3).</summary>
internal sealed class QboFaultException(int status, string type, string code, string message, string detail, string element = "")
    : Exception(message)
{
    public int Status { get; } = status;

    public JsonObject ToFault() => QboFaults.Fault(type, code, Message, detail, element);

    public static QboFaultException Validation(string code, string message, string detail, string element = "") =>
        new(400, "ValidationFault", code, message, detail, element);

    public static QboFaultException Required(string element) =>
        Validation("2020", "Required param missing, need to supply the required value for the API", $"Required parameter {element} is missing in the request", element);

    public static QboFaultException Length(string element, int max) =>
        Validation("2050", "String length is either shorter or longer than supported by specification", $"String length specified does not match the supported length. Min:0 Max:{max} supported. Supplied value is longer for {element}", element);

    public static QboFaultException InvalidReference(string element, string id) =>
        Validation("2500", "Invalid Reference Id", $"Invalid Reference Id : {element} assigned is not valid: {id}", element);

    public static QboFaultException NotFound(string entity, string id) =>
        Validation("610", "Object Not Found", $"Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. {entity} {id}");

    public static QboFaultException Stale() =>
        Validation("5010", "Stale Object Error", "Stale Object Error : You and root were working on this at the same time. root finished before you did, so your work was not saved.");

    public static QboFaultException DuplicateName(string name) =>
        Validation("6240", "Duplicate Name Exists Error", $"The name supplied already exists. : Another customer, vendor or employee is already using this name ({name}). Please use a different name.");

    public static QboFaultException DuplicateDocNumber(string number) =>
        Validation("6140", "Duplicate Document Number Error", $"Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber={number}");

    public static QboFaultException Business(string detail) =>
        Validation("6000", "A business validation error has occurred while processing your request", "Business Validation Error: " + detail);

    public static QboFaultException Parse(string detail) =>
        Validation("4000", "Error parsing query", "QueryParserError: " + detail);
}

/// <summary>Builds Fault bodies.</summary>
internal static class QboFaults
{
    public static JsonObject Fault(string type, string code, string message, string detail, string element = "") => new()
    {
        ["Error"] = new JsonArray(new JsonObject
        {
            ["Message"] = message,
            ["Detail"] = detail,
            ["code"] = code,
            ["element"] = element,
        }),
        ["type"] = type,
    };

    /// <summary>The 429 body: code 3001 ThrottleExceeded (reference Part 2.3).</summary>
    public static JsonObject Throttled(string time) => new()
    {
        ["Fault"] = Fault("ThrottleExceeded", "3001", "message=ThrottleExceeded; errorCode=003001; statusCode=429", "The request limit was reached."),
        ["time"] = time,
    };
}
