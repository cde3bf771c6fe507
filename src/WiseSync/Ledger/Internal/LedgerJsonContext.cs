using System.Text.Json.Serialization;

namespace WiseSync.Ledger.Internal;

/// <summary>Source-generated JSON for the ledger's message lists.</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class LedgerJsonContext : JsonSerializerContext;
