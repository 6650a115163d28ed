using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Vigil.Features.Metrics.Storage;
using Vigil.Features.Projects.Storage;
using Vigil.Infrastructure.Ingest;
using Vigil.Infrastructure.Observability;

namespace Vigil.Features.Metrics.Ingest;

/// <summary>
/// StatsD over UDP (Metrics:StatsdPort; -1 picks a free port, for tests) and optionally TCP
/// (Metrics:StatsdTcpPort, newline-framed). Metrics:StatsdReceivers UDP sockets share the port
/// (SO_REUSEPORT: the kernel gives each sender's flow to one of them); each has a thread that
/// receives datagrams into its buffer and hands them straight to its <see cref="StatsdShard"/>, so
/// a second core reads while the first parses. A flush loop writes the aggregates every
/// Metrics:FlushInterval as one <see cref="MetricWork"/> per project, and once more on stop.
/// StatsD senders cannot be told to slow down, so whatever cannot be queued is counted, not hidden.
/// </summary>
public sealed class StatsdListener(
    IOptions<MetricsOptions> options,
    StatsdAggregator aggregator,
    ProjectStore projects,
    IngestQueue<MetricWork> queue,
    MetricPointStore points,
    VigilMetrics metrics,
    TimeProvider clock,
    ILogger<StatsdListener> logger) : BackgroundService
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Dictionary<string, long> _projects = [];

    /// <summary>The UDP port actually bound (null when off or when binding failed).</summary>
    public int? UdpPort { get; private set; }
    public int? TcpPort { get; private set; }
    /// <summary>Completes once the sockets are bound (or failed to bind).</summary>
    public Task Started => _started.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        await RefreshProjectsAsync(stoppingToken);
        var address = IPAddress.Parse(settings.StatsdAddress);
        Socket[] udp = [];
        TcpListener? tcp = null;
        try
        {
            udp = settings.StatsdPort != 0 ? BindUdp(address, settings) : [];
            tcp = settings.StatsdTcpPort != 0 ? BindTcp(address, settings.StatsdTcpPort) : null;
        }
        catch (SocketException error)
        {
            logger.LogError("StatsD is off: could not listen on {Address} (UDP {Udp}, TCP {Tcp}): {Error}", address, settings.StatsdPort, settings.StatsdTcpPort, error.Message);
        }
        _started.TrySetResult();
        if (udp.Length == 0 && tcp is null)
            return;
        logger.LogInformation("StatsD listening on {Address} (UDP {Udp} on {Sockets} sockets, TCP {Tcp})", address, UdpPort, udp.Length, TcpPort);
        var receivers = udp.Select((socket, i) => new Thread(() => ReceiveUdp(socket, aggregator.Shards[i])) { IsBackground = true, Name = $"statsd-udp-{i}" }).ToList();
        receivers.ForEach(receiver => receiver.Start());
        var accepting = tcp is null ? Task.CompletedTask : AcceptTcpAsync(tcp, stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(settings.FlushInterval, clock, stoppingToken);
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var socket in udp)
                socket.Dispose(); // unblocks its receive thread
            tcp?.Stop();
            receivers.ForEach(receiver => receiver.Join(TimeSpan.FromSeconds(5)));
            await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
            // Stop flushes what was aggregated and waits for its commit: the writer stops after us.
            await FlushAsync(CancellationToken.None);
        }
    }

    /// <summary>Writes what is aggregated now (also what the tests call instead of waiting for the interval).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        // One small read per flush keeps slugs current for prefixes and tags of projects created since.
        await RefreshProjectsAsync(cancellationToken);
        await SeedGaugesAsync(cancellationToken);
        var drained = aggregator.Drain(clock.GetUtcNow().ToUnixTimeMilliseconds());
        var commits = new List<Task>();
        foreach (var (slug, samples) in drained)
        {
            if (!_projects.TryGetValue(slug, out var projectId))
            {
                metrics.Rejected.Add(StatsdAggregator.Stream, "unknown_project", samples.Count);
                logger.LogDebug("StatsD lines for project '{Slug}', which does not exist, were dropped", slug);
                continue;
            }
            var committed = await EnqueueAsync(new MetricWork(projectId, samples), cancellationToken);
            if (committed is null)
                metrics.Rejected.Add(MetricWriter.Stream, "queue_full", samples.Count);
            else
                commits.Add(committed);
        }
        try
        {
            await Task.WhenAll(commits).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning(error, "A StatsD flush was not committed");
        }
    }

    /// <summary>A gauge moved by a delta before this process knew its level starts from its last stored value,
    /// so <c>+5|g</c> after a restart adds to what was there rather than to 0.</summary>
    private async Task SeedGaugesAsync(CancellationToken cancellationToken)
    {
        foreach (var (shard, series) in aggregator.Unseeded())
        {
            double? last = null;
            if (_projects.TryGetValue(series.ProjectSlug, out var projectId))
            {
                try
                {
                    last = await points.LastGaugeValueAsync(projectId,
                        SeriesIdentity.Of(series.Name, SeriesIdentity.CanonicalTags(series.Tags)), cancellationToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    logger.LogWarning(error, "The last value of gauge {Name} could not be read; its deltas start from 0", series.Name);
                }
            }
            shard.Seed(series, last ?? 0);
        }
    }

    private async Task<Task?> EnqueueAsync(MetricWork work, CancellationToken cancellationToken)
    {
        // A full queue gets a few chances: the aggregates are already in memory and cheap to hold a moment.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (queue.TryEnqueue(work) is { } committed)
                return committed;
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
        return null;
    }

    private async Task RefreshProjectsAsync(CancellationToken cancellationToken)
    {
        try
        {
            _projects = (await projects.ListAsync(cancellationToken)).ToDictionary(p => p.Slug, p => p.Id);
            aggregator.KnowProjects(_projects.Keys.ToHashSet());
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning(error, "StatsD could not read the project list");
        }
    }

    private Socket[] BindUdp(IPAddress address, MetricsOptions settings)
    {
        var sockets = new Socket[aggregator.Shards.Count];
        var port = Math.Max(0, settings.StatsdPort);
        try
        {
            for (var i = 0; i < sockets.Length; i++)
            {
                var socket = sockets[i] = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                // Linux caps this at net.core.rmem_max; the buffer is what absorbs bursts while a flush holds the lock.
                socket.ReceiveBufferSize = settings.StatsdReceiveBuffer;
                if (sockets.Length > 1)
                    socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
                // The first socket picks the port when asked for any (-1); the others join it.
                socket.Bind(new IPEndPoint(address, port));
                port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            }
        }
        catch
        {
            foreach (var socket in sockets)
                socket?.Dispose();
            throw;
        }
        UdpPort = port;
        return sockets;
    }

    // Linux's SOL_SOCKET and SO_REUSEPORT (.NET names neither); only Linux gets more than one socket.
    private const int SolSocket = 1;
    private const int SoReusePort = 15;

    private TcpListener BindTcp(IPAddress address, int port)
    {
        var listener = new TcpListener(address, Math.Max(0, port));
        listener.Start();
        TcpPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        return listener;
    }

    private void ReceiveUdp(Socket socket, StatsdShard shard)
    {
        var buffer = new byte[65_536];
        while (true)
        {
            int length;
            try
            {
                length = socket.Receive(buffer);
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException)
            {
                return;
            }
            if (length > 0)
                shard.AddPacket(buffer.AsSpan(0, length), clock.GetUtcNow().ToUnixTimeMilliseconds());
        }
    }

    private async Task AcceptTcpAsync(TcpListener listener, CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stoppingToken);
                _ = Task.Run(() => ReadTcpAsync(client, stoppingToken), stoppingToken);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Newline-framed lines; a partial line waits for the rest, and is taken as a line when the sender hangs up.</summary>
    private async Task ReadTcpAsync(TcpClient client, CancellationToken stoppingToken)
    {
        using (client)
        {
            var buffer = new byte[64 * 1024];
            var filled = 0;
            var stream = client.GetStream();
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(filled), stoppingToken)) > 0)
                {
                    filled += read;
                    var end = buffer.AsSpan(0, filled).LastIndexOf((byte)'\n');
                    if (end < 0)
                    {
                        if (filled == buffer.Length)
                            Array.Resize(ref buffer, buffer.Length * 2 > 1024 * 1024 ? buffer.Length : buffer.Length * 2);
                        if (filled == buffer.Length)
                            filled = 0; // a megabyte without a newline is not StatsD: drop it
                        continue;
                    }
                    aggregator.AddPacket(buffer.AsSpan(0, end + 1), clock.GetUtcNow().ToUnixTimeMilliseconds());
                    buffer.AsSpan(end + 1, filled - end - 1).CopyTo(buffer);
                    filled -= end + 1;
                }
                if (filled > 0)
                    aggregator.AddPacket(buffer.AsSpan(0, filled), clock.GetUtcNow().ToUnixTimeMilliseconds());
            }
            catch (Exception error) when (error is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The sender hung up or Vigil is stopping: complete lines are already aggregated.
            }
        }
    }
}
