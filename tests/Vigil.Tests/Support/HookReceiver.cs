using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Vigil.Tests.Support;

/// <summary>A real HTTP receiver on loopback (a minimal Kestrel app) that records every request and
/// answers as told: a status (200, 202, 500 …), a sequence of statuses, or hanging until the caller gives up.</summary>
public sealed class HookReceiver : IAsyncDisposable
{
    public sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTime At)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Body);
    }

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _next = new();
    private readonly ConcurrentQueue<Received> _received = new();
    private int _accepted;

    private HookReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";
    /// <summary>The answer once <see cref="Then"/>'s sequence is used up.</summary>
    public int Status { get; set; } = 200;
    public bool Hang { get; set; }
    public IReadOnlyList<Received> Requests => _received.ToList();
    /// <summary>Requests answered with a 2xx status.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Answers these statuses first, in order.</summary>
    public HookReceiver Then(params int[] statuses)
    {
        foreach (var status in statuses)
            _next.Enqueue(status);
        return this;
    }

    public static async Task<HookReceiver> StartAsync(int status = 200, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new HookReceiver(app) { Status = status };
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = app.Urls.First().TrimEnd('/');
        return receiver;
    }

    /// <summary>A free loopback port nobody listens on yet (a receiver that is "down" until started there).</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        _received.Enqueue(new Received(context.Request.Path + context.Request.QueryString,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray(), DateTime.UtcNow));
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
            return;
        }
        context.Response.StatusCode = _next.TryDequeue(out var status) ? status : Status;
        if (context.Response.StatusCode is >= 200 and < 300)
            Interlocked.Increment(ref _accepted);
        await context.Response.WriteAsync("{}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
