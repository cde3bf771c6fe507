namespace WiseSync.DependencyInjection.Internal;

/// <summary>Marks a connection name as registered with AddWiseSync.</summary>
internal sealed record WiseSyncConnectionRegistration(string Name);
