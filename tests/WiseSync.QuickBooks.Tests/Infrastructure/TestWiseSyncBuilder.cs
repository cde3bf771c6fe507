using Microsoft.Extensions.DependencyInjection;

namespace WiseSync.QuickBooks.Tests.Infrastructure;

/// <summary>The builder the engine's AddWiseSync returns, reduced to what a provider needs.</summary>
internal sealed record TestWiseSyncBuilder(string Name, IServiceCollection Services) : IWiseSyncBuilder;
