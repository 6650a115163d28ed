using System.Diagnostics;

namespace Vigil.Bench;

/// <summary>The Vigil server under test, as a child process from the Release build, on a free
/// loopback port with a fresh data folder. Its DSN comes from what the first start prints.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;
    private readonly string[] _storeFlags;

    private ServerProcess(Process process, string dataDirectory, string[] storeFlags, string baseUrl, string dsn)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        _storeFlags = storeFlags;
        BaseUrl = baseUrl;
        Dsn = dsn;
    }

    public string BaseUrl { get; }
    public string Dsn { get; }
    public int Pid => _process.Id;

    /// <summary>Null while the server runs; otherwise why the run cannot be checked.</summary>
    public string? Exited => _process.HasExited
        ? $"The server exited during the run (exit code {_process.ExitCode}; 137 is SIGKILL, 143 SIGTERM from outside)."
        : null;

    public static async Task<ServerProcess> StartAsync(string vigilDll, string? postgresConnection, IReadOnlyDictionary<string, string> environment)
    {
        var data = Directory.CreateTempSubdirectory("vigil-bench-data-").FullName;
        var baseUrl = $"http://127.0.0.1:{Shell.FreePort()}";
        string[] storeFlags = postgresConnection is null
            ? ["--data", data]
            : ["--data", data, "--storage", "postgres", "--connection", postgresConnection];
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[vigilDll, "serve", "--urls", baseUrl, .. storeFlags])
            start.ArgumentList.Add(argument);
        start.Environment["VIGIL_ADMIN__PASSWORD"] = "bench-password";
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        var process = Process.Start(start)!;
        var dsn = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? seen = null;
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
                return;
            if (line.Data.Trim().StartsWith("http", StringComparison.Ordinal) && line.Data.Contains('@'))
                seen = line.Data.Trim();
            else if (line.Data.StartsWith("Vigil is listening", StringComparison.Ordinal) && seen is not null)
                dsn.TrySetResult(seen);
            else if (line.Data.Contains("fail:", StringComparison.Ordinal) || line.Data.Contains("crit:", StringComparison.Ordinal))
                Console.Error.WriteLine($"  server: {line.Data}");
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
                Console.Error.WriteLine($"  server stderr: {line.Data}");
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(dsn.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != dsn.Task)
        {
            if (!process.HasExited)
                process.Kill();
            throw new InvalidOperationException("The server did not print its DSN and start listening within 60 s.");
        }
        return new ServerProcess(process, data, storeFlags, baseUrl, await dsn.Task);
    }

    /// <summary>An API token, made the way an operator would: `vigil token create`.</summary>
    public async Task<string> CreateTokenAsync(string vigilDll)
    {
        var json = await Shell.RunAsync("dotnet", [vigilDll, "token", "create", "bench", "--json", .. _storeFlags]);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.GetProperty("token").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await Shell.RunAsync("kill", "-TERM", _process.Id.ToString());
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }
        _process.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
