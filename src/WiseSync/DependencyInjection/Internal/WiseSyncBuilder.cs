using Microsoft.Extensions.DependencyInjection;

namespace WiseSync.DependencyInjection.Internal;

internal sealed class WiseSyncBuilder(string name, IServiceCollection services) : IWiseSyncBuilder
{
    public string Name { get; } = name;

    public IServiceCollection Services { get; } = services;
}
