using System.Text.Json.Serialization;

namespace WiseSync.Sandbox.Data;

/// <summary>JSON for the sandbox's own documents (seed, dataset, admin answers): camelCase, enums as strings.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, WriteIndented = false)]
[JsonSerializable(typeof(SeedDocument))]
[JsonSerializable(typeof(SandboxDataset))]
internal sealed partial class SandboxJsonContext : JsonSerializerContext;
