namespace WiseSync.QuickBooks.Dto;

/// <summary>
/// The entity a batch item carries, written or answered: at most one of these is set, under the entity's name
/// (BatchItemRequest / BatchItemResponse, IntuitRestServiceDef.xsd).
/// </summary>
internal abstract record QboBatchEntity
{
    public QboCustomer? Customer { get; init; }

    public QboTransaction? Invoice { get; init; }

    public QboTransaction? CreditMemo { get; init; }

    public QboItem? Item { get; init; }
}
