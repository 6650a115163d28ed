using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Vigil.Bench.Metrics;

/// <summary>
/// Etsy's statsd (npm <c>statsd</c>) as the baseline: no backends, a flush interval longer than
/// the run (its <c>statsd.metrics_received</c> counter resets at every flush), and the management
/// port's <c>counters</c> command to read how many lines it parsed.
/// </summary>
public sealed partial class EtsyStatsd : IAsyncDisposable
{
    private readonly Process _process;
    private readonly int _mgmtPort;

    private EtsyStatsd(Process process, int port, int mgmtPort)
    {
        _process = process;
        Port = port;
        _mgmtPort = mgmtPort;
    }

    public int Port { get; }

    public static async Task<EtsyStatsd> StartAsync(string statsdDir, string workDir, int port, int mgmtPort)
    {
        var config = Path.Combine(workDir, "statsd-config.js");
        await File.WriteAllTextAsync(config,
            $"{{ port: {port}, address: \"127.0.0.1\", mgmt_port: {mgmtPort}, mgmt_address: \"127.0.0.1\", backends: [], flushInterval: 2000000000 }}\n");
        var start = new ProcessStartInfo("node", $"node_modules/statsd/stats.js \"{config}\"")
        {
            WorkingDirectory = statsdDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
                Console.Error.WriteLine($"  [statsd] {text}");
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var statsd = new EtsyStatsd(process, port, mgmtPort);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                await statsd.LinesSeenAsync();
                return statsd;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        await statsd.DisposeAsync();
        throw new InvalidOperationException("statsd's management port did not answer within 10 s.");
    }

    public async Task<long> LinesSeenAsync()
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", _mgmtPort);
        var stream = client.GetStream();
        await stream.WriteAsync("counters\n"u8.ToArray());
        var text = new StringBuilder();
        var buffer = new byte[65536];
        while (!text.ToString().Contains("END"))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
                break;
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
        var match = MetricsReceived().Match(text.ToString());
        return match.Success ? long.Parse(match.Groups[1].Value) : throw new InvalidOperationException("statsd did not report statsd.metrics_received.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"'statsd\.metrics_received':\s*(\d+)")]
    private static partial Regex MetricsReceived();
}
