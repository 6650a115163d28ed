using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Vigil.Tests.Support;

/// <summary>The built `vigil` executable (vigil.dll beside the test assembly) as a child process:
/// `serve` for kill tests, and one-shot CLI verbs against the same store.</summary>
public sealed partial class VigilProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private bool _disposed;

    private VigilProcess(Process process) => _process = process;

    public string BaseUrl { get; private set; } = "";
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static string VigilDll => Path.Combine(AppContext.BaseDirectory, "vigil.dll");

    /// <summary>The flags that point a verb at <paramref name="settings"/>' store (see <see cref="TestStorage"/>).</summary>
    public static List<string> StoreFlags(IReadOnlyDictionary<string, string?> settings)
    {
        var flags = new List<string> { "--data", settings["Data"]!, "--storage", settings["Storage"]! };
        if (settings.TryGetValue("Connection", out var connection) && connection is not null)
            flags.AddRange(["--connection", connection]);
        return flags;
    }

    /// <summary>Starts `vigil serve` on a free loopback port and waits until /health/ready answers.</summary>
    public static async Task<VigilProcess> ServeAsync(IReadOnlyDictionary<string, string?> settings, IReadOnlyDictionary<string, string>? environment = null)
    {
        var process = new Process { StartInfo = StartInfo(["serve", "--urls", "http://127.0.0.1:0", .. StoreFlags(settings)]) };
        process.StartInfo.Environment["VIGIL_ADMIN__PASSWORD"] = VigilServerFixture.AdminPassword;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            process.StartInfo.Environment[name] = value;
        var vigil = new VigilProcess(process);
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (vigil._output)
                vigil._output.AppendLine(e.Data);
            if (ListeningLine().Match(e.Data) is { Success: true } match)
                listening.TrySetResult(match.Groups[1].Value);
        };
        process.OutputDataReceived += collect;
        process.ErrorDataReceived += collect;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != listening.Task)
        {
            await vigil.DisposeAsync();
            throw new InvalidOperationException($"vigil serve did not start:\n{vigil.Output}");
        }
        vigil.BaseUrl = listening.Task.Result.TrimEnd('/');
        using var http = new HttpClient();
        await Eventually.GetAsync(async () =>
        {
            try { return (await http.GetAsync(vigil.BaseUrl + "/health/ready")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, ok => ok, what: "vigil serve to be ready");
        return vigil;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush — what a crash or `kill -9` does.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Runs one CLI verb to completion; returns its exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = new Process { StartInfo = StartInfo(args) };
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a long-running verb (such as `logs tail`) with stdout redirected; the caller kills it.</summary>
    public static Process Start(params string[] args) => Process.Start(StartInfo(args)) ?? throw new InvalidOperationException("Could not start vigil.");

    private static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(VigilDll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        // The child must not pick up the test run's own VIGIL_ settings by accident.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("VIGIL_", StringComparison.Ordinal) && !k.StartsWith("VIGIL_TEST_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(name);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["VIGIL_METRICS__STATSDPORT"] = "0";
        return info;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"Vigil is listening on (\S+)")]
    private static partial Regex ListeningLine();
}
