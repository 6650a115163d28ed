using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Support;

/// <summary>A real SMTP server (tests/clients/smtp-receiver.mjs, npm smtp-server) on a loopback port,
/// with STARTTLS (a self-signed certificate) and AUTH required; collects every message it accepts.</summary>
public sealed class SmtpReceiver : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<JsonObject> _messages = new();

    private SmtpReceiver(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }
    public IReadOnlyList<JsonObject> Messages => _messages.ToList();

    public static async Task<SmtpReceiver> StartAsync(string user, string password)
    {
        await NodeClients.EnsureInstalledAsync("smtp-server");
        var port = HookReceiver.FreePort();
        var start = new ProcessStartInfo("node") { WorkingDirectory = NodeClients.Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "smtp-receiver.mjs", port.ToString(), user, password })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var receiver = new SmtpReceiver(process, port);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            if (e.Data.StartsWith("listening", StringComparison.Ordinal))
                listening.TrySetResult();
            else if (e.Data.StartsWith('{'))
                receiver._messages.Enqueue(JsonNode.Parse(e.Data)!.AsObject());
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (await Task.WhenAny(listening.Task, Task.Delay(TimeSpan.FromSeconds(30))) != listening.Task)
        {
            await receiver.DisposeAsync();
            throw new TimeoutException("smtp-receiver.mjs did not start listening.");
        }
        return receiver;
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
}
