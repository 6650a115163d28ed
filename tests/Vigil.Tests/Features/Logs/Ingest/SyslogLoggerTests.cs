using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Vigil.Features.Logs.Ingest;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Logs.Ingest;

/// <summary>Debian's `logger` (bsdutils) sending RFC 5424 over UDP and RFC 3164 over TCP to the syslog listener.</summary>
public sealed class SyslogLoggerTests(SyslogLoggerTests.SyslogServer server) : IClassFixture<SyslogLoggerTests.SyslogServer>
{
    public sealed class SyslogServer : VigilServerFixture
    {
        public int Port { get; } = FreePort();

        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Syslog:Port", Port.ToString())];

        /// <summary>A port free for both UDP and TCP on loopback.</summary>
        private static int FreePort()
        {
            for (var attempt = 0; ; attempt++)
            {
                using var tcp = new TcpListener(IPAddress.Loopback, 0);
                tcp.Start();
                var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
                try
                {
                    using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                    return port;
                }
                catch (SocketException) when (attempt < 20)
                {
                }
            }
        }
    }

    [Fact]
    public async Task Rfc5424OverUdpArrivesWithSeverityAppNameAndHost()
    {
        var word = "udp" + Guid.NewGuid().ToString("N")[..8];
        await LoggerAsync("--udp", "--rfc5424", "-t", "billing-job", "-p", "local0.err", $"charge failed {word}");
        await LoggerAsync("--udp", "--rfc5424", "-t", "billing-job", "-p", "user.warning", $"retrying {word}");

        var events = await LogsClient.EventuallyAsync(server.Api, word, 2);
        var failed = events.Single(e => LogsClient.Text(e, "message") == $"charge failed {word}")!;
        Assert.Equal("error", LogsClient.Text(failed, "level"));
        Assert.Equal("billing-job", LogsClient.Text(failed, "service"));
        Assert.Equal(Environment.MachineName, LogsClient.Text(failed, "host"));
        Assert.Equal("warning", LogsClient.Text(events.Single(e => LogsClient.Text(e, "message") == $"retrying {word}"), "level"));
    }

    [Fact]
    public async Task Rfc3164OverTcpArrivesWithSeverityAppNameAndHost()
    {
        var word = "tcp" + Guid.NewGuid().ToString("N")[..8];
        await LoggerAsync("--tcp", "--rfc3164", "-t", "cron-nightly", "-p", "daemon.info", $"backup done {word}");

        var stored = Assert.Single(await LogsClient.EventuallyAsync(server.Api, word))!;
        Assert.Equal($"backup done {word}", LogsClient.Text(stored, "message"));
        Assert.Equal("info", LogsClient.Text(stored, "level"));
        Assert.Equal("cron-nightly", LogsClient.Text(stored, "service"));
        Assert.Equal(Environment.MachineName, LogsClient.Text(stored, "host"));
        Assert.Single(await LogsClient.SearchAsync(server.Api, $"{word} and @service = 'cron-nightly' and level = info"));
    }

    private async Task LoggerAsync(params string[] arguments)
    {
        const string logger = "/usr/bin/logger";
        Assert.True(File.Exists(logger), "logger is missing: apt-get install bsdutils (./scripts/test.sh does)");
        await server.Service<SyslogListener>().Started; // a datagram sent before the socket is bound is lost
        var start = new ProcessStartInfo(logger) { RedirectStandardError = true };
        foreach (var argument in new[] { "--server", "127.0.0.1", "--port", server.Port.ToString() }.Concat(arguments))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"logger exited {process.ExitCode}: {error}");
    }
}
