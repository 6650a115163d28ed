using System.Text.Json.Nodes;

namespace Vigil.Tests.Support;

/// <summary>A store (data folder, plus a database on PostgreSQL) that the `vigil` executable serves and
/// its CLI verbs open, as an operator would use them. Kills what it started and deletes the store.</summary>
public sealed class ProcessStoreFixture : IAsyncLifetime
{
    private readonly List<VigilProcess> _servers = [];
    private Task<VigilProcess>? _shared;

    public Dictionary<string, string?> Settings { get; private set; } = [];

    public async Task InitializeAsync() => Settings = await TestStorage.SettingsAsync(TestStorage.NewTempDir());

    /// <summary>Starts `vigil serve` over this store.</summary>
    public async Task<VigilProcess> ServeAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var server = await VigilProcess.ServeAsync(Settings, environment);
        lock (_servers)
            _servers.Add(server);
        return server;
    }

    /// <summary>One server for the whole test class, started on first use.</summary>
    public Task<VigilProcess> SharedServerAsync()
    {
        lock (_servers)
            return _shared ??= ServeAsync();
    }

    /// <summary>Runs a CLI verb with this store's flags appended.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        VigilProcess.RunAsync([.. args, .. VigilProcess.StoreFlags(Settings)]);

    /// <summary>Runs a verb with --json and parses its output, failing with stderr when it fails.</summary>
    public async Task<JsonNode> RunJsonAsync(params string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync([.. args, "--json"]);
        Assert.True(exit == 0, $"vigil {string.Join(' ', args)} exited {exit}: {stderr}");
        return JsonNode.Parse(stdout)!;
    }

    public async Task DisposeAsync()
    {
        try
        {
            foreach (var server in _servers)
                await server.DisposeAsync();
        }
        finally
        {
            await TestStorage.CleanUpAsync(Settings);
        }
    }
}
