namespace WiseSync;

/// <summary>Creates the <see cref="SyncPipeline"/> of a named connection.</summary>
public interface ISyncPipelineFactory
{
    /// <summary>The pipeline of <paramref name="name"/>; throws <see cref="ConfigurationException"/> naming what the connection lacks.</summary>
    SyncPipeline Create(string name);
}
