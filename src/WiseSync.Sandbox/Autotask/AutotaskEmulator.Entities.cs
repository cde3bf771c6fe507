namespace WiseSync.Sandbox.Autotask;

/// <summary>The Autotask entities (<see cref="AutotaskRestApi"/>) behind the emulator's credentials and limits.</summary>
internal sealed partial class AutotaskEmulator
{
    private AutotaskRestApi _rest = new(new AutotaskStore());

    partial void MapEntities(RouteGroupBuilder api)
    {
        // Literal and constrained routes win over the host's catch-all 404.
        string[] patterns = ["/{entity}", "/{entity}/query", "/{entity}/query/count", "/{entity}/query/next", "/{entity}/{id:long}", "/{entity}/{id:long}/{action}"];
        foreach (var pattern in patterns)
        {
            api.Map(pattern, (HttpContext context) => _rest.HandleAsync(context));
        }
    }

    protected override void LoadRecords(SandboxDataset data) => _rest = new AutotaskRestApi(AutotaskDatasetLoader.Load(data));

    private partial object? EntityState(string collection) => AutotaskDatasetLoader.State(_rest.Store, collection);
}
