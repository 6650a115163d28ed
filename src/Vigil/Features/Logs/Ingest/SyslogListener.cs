using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Vigil.Features.Projects.Storage;
using Vigil.Infrastructure.Ingest;
using Vigil.Infrastructure.Observability;
using Vigil.Protocols.Logs;

namespace Vigil.Features.Logs.Ingest;

/// <summary>Receives RFC 5424 and RFC 3164 syslog over UDP (one message per datagram) and TCP
/// (newline- or octet-count-framed), into one project. A message that does not parse is counted
/// and skipped; syslog has no way to tell the sender.</summary>
public sealed class SyslogListener(
    IOptions<SyslogOptions> options,
    ProjectStore projects,
    IngestQueue<LogWork> queue,
    VigilMetrics metrics,
    TimeProvider clock,
    ILogger<SyslogListener> logger) : BackgroundService
{
    public const string Stream = "syslog";

    /// <summary>The UDP endpoint actually bound (port 0 picks a free one), for tests and the start-up line.</summary>
    public IPEndPoint? BoundUdp { get; private set; }
    public IPEndPoint? BoundTcp { get; private set; }
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public Task Started => _started.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var project = await projects.FindAsync(settings.Project, stoppingToken);
        if (project is null)
        {
            logger.LogError("Syslog is off: no project with slug '{Slug}' (Syslog:Project)", settings.Project);
            _started.TrySetResult();
            return;
        }
        var address = IPAddress.Parse(settings.Address);
        using var udp = new UdpClient(new IPEndPoint(address, settings.Port));
        BoundUdp = (IPEndPoint)udp.Client.LocalEndPoint!;
        TcpListener? tcp = null;
        if (settings.Tcp)
        {
            tcp = new TcpListener(address, BoundUdp.Port);
            tcp.Start();
            BoundTcp = (IPEndPoint)tcp.LocalEndpoint;
        }
        logger.LogInformation("Syslog listening on {Address}:{Port} (UDP{Tcp}) into project {Slug}", address, BoundUdp.Port, tcp is null ? "" : " and TCP", project.Slug);
        _started.TrySetResult();
        var tasks = new List<Task> { ReceiveUdpAsync(udp, project.Id, stoppingToken) };
        if (tcp is not null)
            tasks.Add(AcceptTcpAsync(tcp, project.Id, stoppingToken));
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            tcp?.Stop();
        }
    }

    private async Task ReceiveUdpAsync(UdpClient udp, long projectId, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var datagram = await udp.ReceiveAsync(stoppingToken);
            Accept(projectId, datagram.Buffer, datagram.RemoteEndPoint.Address.ToString());
        }
    }

    private async Task AcceptTcpAsync(TcpListener tcp, long projectId, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var client = await tcp.AcceptTcpClientAsync(stoppingToken);
            _ = Task.Run(() => ReadTcpAsync(client, projectId, stoppingToken), stoppingToken);
        }
    }

    private async Task ReadTcpAsync(TcpClient client, long projectId, CancellationToken stoppingToken)
    {
        using (client)
        {
            var sender = (client.Client.RemoteEndPoint as IPEndPoint)?.Address.ToString();
            var framer = new SyslogTcpFramer();
            var buffer = new byte[64 * 1024];
            var stream = client.GetStream();
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer, stoppingToken)) > 0)
                {
                    foreach (var message in framer.Push(buffer.AsSpan(0, read)))
                        Accept(projectId, message, sender);
                }
                foreach (var message in framer.Flush())
                    Accept(projectId, message, sender);
            }
            catch (IOException)
            {
                // The sender hung up mid-message: what was complete is already queued.
            }
        }
    }

    private void Accept(long projectId, byte[] message, string? sender)
    {
        var (record, error) = SyslogParser.Parse(message, clock.GetUtcNow(), sender);
        if (record is null)
        {
            metrics.Rejected.Add(Stream, "invalid");
            logger.LogDebug("Skipped a syslog message: {Error}", error?.Message);
            return;
        }
        // Syslog senders cannot be told to slow down, so a full queue loses the message: count it.
        var work = LogWork.Encode(projectId, [record]);
        if (queue.TryEnqueue(work) is null)
        {
            work.Events.Dispose();
            metrics.Rejected.Add(Stream, "queue_full");
        }
    }
}
