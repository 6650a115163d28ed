using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;
using Vigil.Bench.Logs;

// The Logs benchmark: OTLP ingest on SQLite (and PostgreSQL), storage per event against raw
// NDJSON, then search latency through the HTTP API next to ripgrep and grep. Markdown on stdout,
// progress on stderr.
var options = BenchOptions.Parse(args);
Directory.CreateDirectory(options.WorkDir);
var ndjson = Path.Combine(options.WorkDir, "events.ndjson");
var culture = CultureInfo.InvariantCulture;
void Say(string text) => Console.Error.WriteLine($"==> {text}");
string N(double value, string format = "N0") => value.ToString(format, culture);

try
{
    var sqliteDir = Path.Combine(options.WorkDir, "sqlite");
    var summaryPath = Path.Combine(options.WorkDir, "dataset.json");
    if (options.SearchOnly)
        return await SearchOnlyAsync();
    Say($"building {options.Events:N0} events (OTLP batches of {Dataset.BatchSize} in memory, NDJSON at {ndjson})");
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var endMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 120_000;
    var data = Dataset.Build(options.Events, endMs, ndjson);
    Say($"built in {clock.Elapsed.TotalSeconds:N1} s: {data.ProtobufBytes / data.Events} B/event protobuf, {data.NdjsonBytes / data.Events} B/event NDJSON");
    File.WriteAllText(summaryPath, System.Text.Json.JsonSerializer.Serialize(new DatasetSummary(data.Events, data.NdjsonBytes, data.StartMs, data.EndMs)));

    var ingestRows = new List<string>();
    var storageRows = new List<string>();
    var postgresSearch = new List<string>();
    await using var sqlite = await VigilProcess.StartAsync(options.VigilDll, sqliteDir, FreePort(), postgres: null);
    Say($"SQLite: ingesting {data.Events:N0} events over HTTP with {options.Senders} senders (load {Load()})");
    var cpuBefore = CpuSeconds(sqlite.Pid);
    var sqliteIngest = await IngestRun.RunAsync(sqlite.Url, sqlite.Key, data.Batches, data.Batches.Length, options.Senders);
    var sqliteCpu = CpuSeconds(sqlite.Pid) - cpuBefore;
    using var search = new SearchRun(sqlite.Url, sqlite.Token);
    var stored = await search.CountAsync(data.StartMs, data.EndMs + 1);
    ingestRows.Add(IngestRow("SQLite", sqliteIngest, stored, sqliteCpu));
    var dbBytes = await SqliteBytesAsync(sqliteDir);
    storageRows.Add($"| SQLite (db + WAL after checkpoint) | {N(dbBytes / 1e6, "N0")} MB | {N((double)dbBytes / stored, "N0")} B | {N((double)dbBytes / data.NdjsonBytes, "N2")}× |");

    if (options.Postgres is { } connection)
    {
        var batches = (int)(options.PostgresEvents / Dataset.BatchSize);
        await using var postgres = await VigilProcess.StartAsync(options.VigilDll, Path.Combine(options.WorkDir, "pg"), FreePort(), connection);
        var before = await PostgresBytesAsync(connection);
        Say($"PostgreSQL: ingesting {batches * Dataset.BatchSize:N0} events (load {Load()})");
        var pgCpuBefore = CpuSeconds(postgres.Pid);
        var pgIngest = await IngestRun.RunAsync(postgres.Url, postgres.Key, data.Batches, batches, options.Senders);
        var pgCpu = CpuSeconds(postgres.Pid) - pgCpuBefore;
        using var pgSearch = new SearchRun(postgres.Url, postgres.Token);
        var pgStored = await pgSearch.CountAsync(data.StartMs, data.EndMs + 1);
        ingestRows.Add(IngestRow("PostgreSQL", pgIngest, pgStored, pgCpu));
        var pgBytes = await PostgresBytesAsync(connection) - before;
        // The PostgreSQL store holds the first batches only: its own span of time.
        var pgEndMs = data.StartMs + (long)((data.EndMs - data.StartMs) * ((double)pgStored / data.Events));
        postgresSearch = await PostgresSearchAsync(pgSearch, pgStored, data.StartMs, pgEndMs);
        storageRows.Add($"| PostgreSQL (database growth) | {N(pgBytes / 1e6, "N0")} MB | {N((double)pgBytes / pgStored, "N0")} B | {N((double)pgBytes / (data.NdjsonBytes * (double)pgStored / data.Events), "N2")}× |");
    }

    Console.WriteLine($"### Ingest: OTLP/HTTP protobuf, batches of {Dataset.BatchSize}, {options.Senders} senders, loopback");
    Console.WriteLine();
    Console.WriteLine("| Storage | Events sent | Acknowledged | Stored (count) | Seconds | Events/s | Vigil CPU µs/event | Retries (429/503) | Failed requests |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    ingestRows.ForEach(Console.WriteLine);
    Console.WriteLine();
    Console.WriteLine($"### Storage per event (raw NDJSON: {N(data.NdjsonBytes / 1e6)} MB, {N((double)data.NdjsonBytes / data.Events)} B/event; OTLP protobuf {N((double)data.ProtobufBytes / data.Events)} B/event)");
    Console.WriteLine();
    Console.WriteLine("| Storage | Size | Per event | vs NDJSON |");
    Console.WriteLine("|---|---:|---:|---:|");
    storageRows.ForEach(Console.WriteLine);
    Console.WriteLine();

    await SearchAsync(search, stored, data.StartMs, data.EndMs);
    postgresSearch.ForEach(Console.WriteLine);
    Console.WriteLine($"Load average at the end: {Load()}; nproc {Environment.ProcessorCount}.");
    return sqliteIngest.Acknowledged == stored ? 0 : 2;

    async Task SearchAsync(SearchRun search, long stored, long startMs, long endMs)
    {
        Say($"search: {options.Repetitions} repetitions per query (load {Load()})");
        var queries = Queries(startMs, endMs);
        Console.WriteLine($"### Search over {N(stored)} events spanning 24 h: GET /api/logs, {options.Repetitions} runs after one warm-up; tools: median of {options.ToolRepetitions}, LC_ALL=C, whole file (warm page cache)");
        Console.WriteLine();
        Console.WriteLine("| Query | Vigil p50 | Vigil p95 | Found | ripgrep | grep | rg ÷ Vigil p50 | grep ÷ Vigil p50 | rg/grep output |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (name, query, rg, grep) in queries)
        {
            var vigil = await search.TimeAsync(name, query, options.Repetitions);
            Say($"{name}: p50 {vigil.P50:N1} ms; running ripgrep and grep");
            var rgRun = await ToolRun.TimeAsync(rg, options.ToolRepetitions);
            var grepRun = await ToolRun.TimeAsync(grep, options.ToolRepetitions);
            Console.WriteLine($"| {name} | {N(vigil.P50, "N1")} ms | {N(vigil.P95, "N1")} ms | {N(vigil.Found)} | {N(rgRun.MedianMs)} ms | {N(grepRun.MedianMs)} ms | " +
                              $"{N(rgRun.MedianMs / vigil.P50, "N1")}× | {N(grepRun.MedianMs / vigil.P50, "N1")}× | {rgRun.Output} / {grepRun.Output} |");
        }
        Console.WriteLine();
    }

    /// <summary>Vigil's side of the three searches on PostgreSQL (the tools' side does not depend on the
    /// engine), as the lines of a table printed after SQLite's.</summary>
    async Task<List<string>> PostgresSearchAsync(SearchRun search, long stored, long startMs, long endMs)
    {
        Say($"PostgreSQL search: {options.Repetitions} repetitions per query (load {Load()})");
        var lines = new List<string>
        {
            $"### Search on PostgreSQL over {N(stored)} events: GET /api/logs, {options.Repetitions} runs after one warm-up",
            "",
            "| Query | Vigil p50 | Vigil p95 | Found |",
            "|---|---:|---:|---:|",
        };
        foreach (var (name, query, _, _) in Queries(startMs, endMs))
        {
            var vigil = await search.TimeAsync(name, query, options.Repetitions);
            Say($"PostgreSQL {name}: p50 {vigil.P50:N1} ms");
            lines.Add($"| {name} | {N(vigil.P50, "N1")} ms | {N(vigil.P95, "N1")} ms | {N(vigil.Found)} |");
        }
        lines.Add("");
        return lines;
    }

    (string Name, string Query, string Rg, string Grep)[] Queries(long startMs, long endMs)
    {
        var hourFrom = startMs + (endMs - startMs) / 2;
        var hourTo = hourFrom + 3_600_000;
        return
        [
            ($"(a) rare term `{EventGenerator.RareTerm}`, 24h, newest 100", $"q={EventGenerator.RareTerm}&since=24h",
                $"rg -c {EventGenerator.RareTerm} {ndjson}", $"grep -c {EventGenerator.RareTerm} {ndjson}"),
            ("(b) `StatusCode = 503`, one hour, newest 100", $"q={Uri.EscapeDataString("StatusCode = 503")}&from={hourFrom}&to={hourTo}",
                $"rg -c '\"StatusCode\":503' {ndjson}", $"grep -c '\"StatusCode\":503' {ndjson}"),
            ("(c) `| count() by bin(1m)`, 24h", $"q={Uri.EscapeDataString("| count() by bin(1m)")}&since=24h",
                $"rg -o '\"timestamp\":\"[^\"]{{16}}' {ndjson} | sort | uniq -c | wc -l", $"grep -o '\"timestamp\":\"[^\"]\\{{16\\}}' {ndjson} | sort | uniq -c | wc -l"),
        ];
    }

    async Task<int> SearchOnlyAsync()
    {
        var summary = System.Text.Json.JsonSerializer.Deserialize<DatasetSummary>(File.ReadAllText(summaryPath))
            ?? throw new InvalidOperationException($"No {summaryPath}: run once with --keep first.");
        await using var kept = await VigilProcess.StartAsync(options.VigilDll, sqliteDir, FreePort(), postgres: null);
        using var search = new SearchRun(kept.Url, kept.Token);
        var stored = await search.CountAsync(summary.StartMs, summary.EndMs + 1);
        Say($"search only: {stored:N0} events kept in {sqliteDir}");
        await SearchAsync(search, stored, summary.StartMs, summary.EndMs);
        Console.WriteLine($"Load average at the end: {Load()}; nproc {Environment.ProcessorCount}.");
        return 0;
    }
}
finally
{
    if (!options.Keep)
        Directory.Delete(options.WorkDir, recursive: true);
    else
        Say($"kept {options.WorkDir}");
}

string IngestRow(string engine, IngestResult result, long stored, double cpuSeconds) =>
    $"| {engine} | {N(result.Requests * Dataset.BatchSize)} | {N(result.Acknowledged)} | {N(stored)}{(stored == result.Acknowledged ? "" : " ⚠ MISMATCH")} | " +
    $"{N(result.Elapsed.TotalSeconds, "N1")} | **{N(result.EventsPerSecond)}** | {N(cpuSeconds * 1e6 / Math.Max(1, result.Acknowledged), "N0")} | {N(result.Retries)} | {N(result.Failed)} |";

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

// user + system time of the Vigil process (dotnet runs vigil.dll in-process), in seconds:
// what an event costs the server, whatever else the machine is doing.
static double CpuSeconds(int pid)
{
    var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
}

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

// Checkpoint the WAL into the database so the files hold what is stored, not what is pending.
static async Task<long> SqliteBytesAsync(string dir)
{
    await using (var connection = new SqliteConnection($"Data Source={Path.Combine(dir, "vigil.db")};Pooling=False"))
    {
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await command.ExecuteNonQueryAsync();
    }
    return Directory.GetFiles(dir, "vigil.db*").Sum(f => new FileInfo(f).Length);
}

static async Task<long> PostgresBytesAsync(string connection)
{
    await using var source = NpgsqlDataSource.Create(connection);
    await using var command = source.CreateCommand("CHECKPOINT; SELECT pg_database_size(current_database())");
    return Convert.ToInt64(await command.ExecuteScalarAsync());
}

internal sealed record DatasetSummary(long Events, long NdjsonBytes, long StartMs, long EndMs);
