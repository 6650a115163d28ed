namespace Vigil.Bench;

/// <summary>A throwaway PostgreSQL 15 cluster in a temp folder on a free loopback port, trust auth,
/// default durability settings (fsync and synchronous_commit on). Run as the postgres user when we are root.</summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string _directory;
    private readonly int _port;
    private int _databases;

    private PostgresCluster(string directory, int port)
    {
        _directory = directory;
        _port = port;
    }

    public static bool Available => File.Exists(Path.Combine(Bin, "pg_ctl"));

    public static async Task<PostgresCluster> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("vigil-bench-pg-").FullName;
        var cluster = new PostgresCluster(directory, Shell.FreePort());
        if (Environment.UserName == "root")
            await Shell.RunAsync("chown", "-R", "postgres:postgres", directory);
        await cluster.AsPostgresAsync("initdb", "-D", Path.Combine(directory, "data"), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8");
        await cluster.AsPostgresAsync("pg_ctl", "-D", Path.Combine(directory, "data"), "-l", Path.Combine(directory, "log"), "-w",
            "-o", $"-p {cluster._port} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=200", "start");
        return cluster;
    }

    /// <summary>A new empty database, so each run starts from nothing.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"vigil_bench_{++_databases}";
        await AsPostgresAsync("createdb", "-h", "127.0.0.1", "-p", _port.ToString(), "-U", "postgres", name);
        return $"Host=127.0.0.1;Port={_port};Username=postgres;Database={name};Maximum Pool Size=50";
    }

    private Task<string> AsPostgresAsync(string tool, params string[] arguments) =>
        Environment.UserName == "root"
            ? Shell.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(Bin, tool), .. arguments])
            : Shell.RunAsync(Path.Combine(Bin, tool), arguments);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsPostgresAsync("pg_ctl", "-D", Path.Combine(_directory, "data"), "-m", "fast", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
