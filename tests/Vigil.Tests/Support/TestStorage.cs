using Npgsql;

namespace Vigil.Tests.Support;

/// <summary>Which engine the suite runs on (VIGIL_TEST_STORAGE=sqlite|postgres), and a fresh
/// PostgreSQL database per server so no test class sees another's rows.</summary>
public static class TestStorage
{
    public static bool IsPostgres =>
        string.Equals(Environment.GetEnvironmentVariable("VIGIL_TEST_STORAGE"), "postgres", StringComparison.OrdinalIgnoreCase);

    private static string AdminConnection => Environment.GetEnvironmentVariable("VIGIL_TEST_POSTGRES")
        ?? throw new InvalidOperationException("VIGIL_TEST_STORAGE=postgres needs VIGIL_TEST_POSTGRES (an Npgsql connection string); ./scripts/test.sh sets both.");

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "vigil_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(AdminConnection))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnection) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The settings that point a server (or CLI verb) at a fresh store under <paramref name="dataDir"/>.</summary>
    public static async Task<Dictionary<string, string?>> SettingsAsync(string dataDir)
    {
        var settings = new Dictionary<string, string?> { ["Data"] = dataDir, ["Storage"] = "sqlite" };
        if (IsPostgres)
        {
            settings["Storage"] = "postgres";
            settings["Connection"] = await CreateDatabaseAsync();
        }
        return settings;
    }

    public static string NewTempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "vigil-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Deletes what <see cref="SettingsAsync"/> created.</summary>
    public static async Task CleanUpAsync(IReadOnlyDictionary<string, string?> settings)
    {
        if (settings.TryGetValue("Connection", out var connection) && connection is not null && IsPostgres)
            await DropDatabaseAsync(connection);
        if (settings.TryGetValue("Data", out var dir) && dir is not null && Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
    }
}
