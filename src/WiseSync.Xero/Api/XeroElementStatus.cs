using System.Diagnostics.CodeAnalysis;
using WiseSync.Xero.Dto;

namespace WiseSync.Xero.Api;

/// <summary>
/// Judges one element of a batch answer (summarizeErrors=false). Success is read from the element's own flags
/// (HasErrors / HasValidationErrors, StatusAttributeString) and a real id; the absence of a message proves nothing,
/// since Xero can flag an element ERROR with no ValidationErrors and an all-zero id (Xero-NetStandard#156,
/// xero-node#204, Xero-Net#285).
/// </summary>
internal static class XeroElementStatus
{
    public const string Error = "ERROR";

    /// <summary>
    /// Whether the element says it failed: its error flag or StatusAttributeString ERROR. Without a status, any
    /// ValidationErrors text means failed; with StatusAttributeString OK or WARNING the element was saved and its texts
    /// are warnings (the spec's own createCreditNotes example answers OK with a ValidationErrors message).
    /// </summary>
    public static bool Failed(bool? hasErrors, string? statusAttribute, IReadOnlyList<XeroValidationErrorDto>? errors)
    {
        if (hasErrors == true || string.Equals(statusAttribute, Error, StatusComparison))
        {
            return true;
        }

        return !IsSavedStatus(statusAttribute) && Messages(errors).Any();
    }

    /// <summary>The texts to pass on as warnings of a saved element: its Warnings, and its ValidationErrors when its status says saved.</summary>
    public static IReadOnlyList<string> Notes(string? statusAttribute, IReadOnlyList<XeroValidationErrorDto>? errors, IReadOnlyList<XeroValidationErrorDto>? warnings) =>
        Messages(warnings).Concat(IsSavedStatus(statusAttribute) ? Messages(errors) : []).Distinct(StringComparer.Ordinal).ToList();

    private static bool IsSavedStatus(string? statusAttribute) =>
        string.Equals(statusAttribute, "OK", StatusComparison) || string.Equals(statusAttribute, "WARNING", StatusComparison);

    /// <summary>A non-empty id that is not Xero's all-zero placeholder for "not saved".</summary>
    public static bool IsRealId([NotNullWhen(true)] string? id) =>
        !string.IsNullOrWhiteSpace(id) && (!Guid.TryParse(id, out var guid) || guid != Guid.Empty);

    /// <summary>
    /// Why Xero did not save a contact of a PUT/POST /Contacts answer, or an empty list when it did (flags clear and a
    /// real ContactID).
    /// </summary>
    public static IReadOnlyList<string> ContactFailure(XeroContactDto answer) =>
        Failed(answer.HasValidationErrors, answer.StatusAttributeString, answer.ValidationErrors) || !IsRealId(answer.ContactID)
            ? Reasons("contact", answer.HasValidationErrors, answer.StatusAttributeString, answer.ContactID, answer.ValidationErrors, answer.Warnings)
            : [];

    /// <summary>Every text of the errors (Message, else Description), trimmed, without blanks.</summary>
    public static IEnumerable<string> Messages(IReadOnlyList<XeroValidationErrorDto>? errors) =>
        (errors ?? [])
            .Select(e => string.IsNullOrWhiteSpace(e.Message) ? e.Description : e.Message)
            .Where(m => !string.IsNullOrWhiteSpace(m))
            .Select(m => m!.Trim());

    /// <summary>The reasons to show for a failed element: Xero's own texts, or a sentence naming the flags.</summary>
    public static IReadOnlyList<string> Reasons(string what, bool? hasErrors, string? statusAttribute, string? id, IReadOnlyList<XeroValidationErrorDto>? errors, IReadOnlyList<XeroValidationErrorDto>? warnings)
    {
        var texts = Messages(errors).Concat(Messages(warnings)).Distinct(StringComparer.Ordinal).ToList();
        if (texts.Count > 0)
        {
            return texts;
        }

        var flags = new List<string>();
        if (hasErrors == true)
        {
            flags.Add("HasErrors");
        }

        if (!string.IsNullOrWhiteSpace(statusAttribute))
        {
            flags.Add("StatusAttributeString " + statusAttribute);
        }

        if (!IsRealId(id))
        {
            flags.Add(string.IsNullOrWhiteSpace(id) ? "no id" : "id " + id);
        }

        return [$"Xero did not save the {what} ({string.Join(", ", flags)}) and gave no reason."];
    }

    private const StringComparison StatusComparison = StringComparison.OrdinalIgnoreCase;
}
