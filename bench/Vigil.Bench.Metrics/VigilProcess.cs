using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Vigil.Bench.Metrics;

/// <summary>A Vigil server started from the Release build as a child process on loopback, with
/// its project key (the DSN's user part, printed at first start) and an API token. Settings go in as
/// VIGIL_ environment variables (e.g. Metrics:StatsdPort).</summary>
public sealed partial class VigilProcess : IAsyncDisposable
{
    private readonly Process _process;

    private VigilProcess(Process process, Uri url, string key, string token)
    {
        _process = process;
        Url = url;
        Key = key;
        Token = token;
    }

    public Uri Url { get; }
    public string Key { get; }
    public string Token { get; }
    public int Pid => _process.Id;

    public static async Task<VigilProcess> StartAsync(string vigilDll, string dataDir, int port, IReadOnlyDictionary<string, string> settings)
    {
        var url = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet", $"\"{vigilDll}\" serve --data \"{dataDir}\" --urls {url.ToString().TrimEnd('/')}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["VIGIL_ADMIN__PASSWORD"] = "bench-" + Guid.NewGuid().ToString("N");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in settings)
            start.Environment["VIGIL_" + name.Replace(":", "__").ToUpperInvariant()] = value;
        var process = Process.Start(start)!;
        var key = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text && DsnKey().Match(text) is { Success: true } match)
                key.TrySetResult(match.Groups[1].Value);
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
                Console.Error.WriteLine($"  [vigil] {text}");
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var ready = await Task.WhenAny(key.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (ready != key.Task)
        {
            TryKill(process);
            throw new InvalidOperationException("Vigil did not print its DSN within 60 s (or exited).");
        }
        await WaitReadyAsync(url);
        var token = await CreateTokenAsync(vigilDll, dataDir);
        return new VigilProcess(process, url, key.Task.Result, token);
    }

    private static async Task WaitReadyAsync(Uri url)
    {
        using var http = new HttpClient { BaseAddress = url };
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException("Vigil did not become ready within 30 s.");
    }

    private static async Task<string> CreateTokenAsync(string vigilDll, string dataDir)
    {
        var start = new ProcessStartInfo("dotnet", $"\"{vigilDll}\" token create ci --json --data \"{dataDir}\"") { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        return json.RootElement.GetProperty("token").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            TryKill(_process);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    [GeneratedRegex(@"https?://([0-9a-zA-Z_-]+)@")]
    private static partial Regex DsnKey();
}
