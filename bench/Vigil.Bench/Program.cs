using Vigil.Bench;

// Envelope-ingest benchmark: starts the Release server itself (and a throwaway PostgreSQL),
// drives it over loopback and prints a markdown table. See docs/BENCHMARKS.md.
var settings = BenchSettings.Parse(args);
var vigil = settings.VigilDll ?? Path.Combine(RepositoryRoot(), "src/Vigil/bin/Release/net10.0/vigil.dll");
if (!File.Exists(vigil))
{
    Console.Error.WriteLine($"No server build at {vigil}: run `dotnet build -c Release src/Vigil` first (bench/run.sh does).");
    return 2;
}

if (settings.AlertLatency)
    return await AlertLatencyRun.RunAsync(vigil, settings);

var rows = new List<ReportRow>();
PostgresCluster? postgres = null;
try
{
    foreach (var scenario in settings.Scenarios())
    {
        string? connection = null;
        if (scenario.Storage == "postgres")
        {
            postgres ??= await PostgresCluster.StartAsync();
            connection = await postgres.CreateDatabaseAsync();
        }
        Console.Error.WriteLine($"{scenario.Storage}, {scenario.Describe()}: {scenario.Warmup.TotalSeconds:N0} s warm-up + {scenario.Duration.TotalSeconds:N0} s …");
        await using var server = await ServerProcess.StartAsync(vigil, connection, settings.ServerEnvironment);
        var corpus = EnvelopeCorpus.Build(server.Dsn, bugs: 50, variantsPerBug: 20, settings.Gzip);
        await using var rss = new RssSampler(server.Pid);
        // CPU from the end of warm-up to the end of the window, per event acknowledged in it: start-up JIT is not ingest.
        var cpuAtWindow = Task.Delay(scenario.Warmup).ContinueWith(_ => rss.CpuTime);
        var cpuAtEnd = Task.Delay(scenario.Warmup + scenario.Duration).ContinueWith(_ => rss.CpuTime);
        LoadResult load;
        using (var generator = new LoadGenerator(corpus, connections: Math.Max(settings.Senders, 256)))
            load = await generator.RunAsync(scenario);
        var peak = rss.PeakMegabytes;
        var cpuPerEvent = (await cpuAtEnd - await cpuAtWindow) / Math.Max(1, load.Measured);
        if (server.Exited is { } exited)
            throw new InvalidOperationException(exited);
        var stored = await StoreCheck.RunAsync(server.BaseUrl, await server.CreateTokenAsync(vigil));
        var row = new ReportRow(scenario, load, peak, cpuPerEvent, stored);
        rows.Add(row);
        Console.Error.WriteLine($"  event {corpus.AverageEventBytes / 1024:N1} KB, body {corpus.AverageBodyBytes / 1024:N1} KB{(corpus.Gzip ? " gzip" : "")}; " +
            $"sent {load.SentTotal:N0}, acknowledged {load.AcknowledgedTotal:N0}, stored {stored.StoredEvents:N0}, issues {stored.Issues}");
        Console.Error.WriteLine("  " + row);
    }
}
finally
{
    if (postgres is not null)
        await postgres.DisposeAsync();
}

Console.WriteLine();
Console.WriteLine(ReportRow.Header);
foreach (var row in rows)
    Console.WriteLine(row);
var failed = rows.Any(r => !r.AllStored || r.Stored.Issues != 50);
if (failed)
    Console.Error.WriteLine("FAILED: a run lost acknowledged events or did not group into 50 issues.");
return failed ? 1 : 0;

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Vigil.slnx")))
            return directory.FullName;
    }
    return Environment.CurrentDirectory;
}
