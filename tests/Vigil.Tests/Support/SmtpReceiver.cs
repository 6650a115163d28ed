using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Support;

/// <summary>How <see cref="SmtpReceiver"/> runs: implicit TLS or STARTTLS, the AUTH mechanisms it offers,
/// and whether it hides STARTTLS.</summary>
public sealed record SmtpReceiverOptions(bool ImplicitTls = false, string[]? AuthMethods = null, bool HideStarttls = false);

/// <summary>A real SMTP server (tests/clients/smtp-receiver.mjs, npm smtp-server) on a loopback port, with
/// TLS (STARTTLS or implicit) on a throwaway self-signed certificate made here and AUTH required; collects
/// every message it accepts.</summary>
public sealed class SmtpReceiver : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _certificateDirectory;
    private readonly ConcurrentQueue<JsonObject> _messages = new();

    private SmtpReceiver(Process process, int port, string certificateDirectory)
    {
        _process = process;
        Port = port;
        _certificateDirectory = certificateDirectory;
    }

    public int Port { get; }
    public IReadOnlyList<JsonObject> Messages => _messages.ToList();

    public static async Task<SmtpReceiver> StartAsync(string user, string password, SmtpReceiverOptions? options = null)
    {
        options ??= new();
        await NodeClients.EnsureInstalledAsync("smtp-server");
        var port = HookReceiver.FreePort();
        var (directory, key, cert) = WriteSelfSignedCertificate();
        var settings = new JsonObject
        {
            ["secure"] = options.ImplicitTls,
            ["key"] = key,
            ["cert"] = cert,
            ["hideSTARTTLS"] = options.HideStarttls,
            ["authMethods"] = new JsonArray((options.AuthMethods ?? ["PLAIN", "LOGIN"]).Select(m => (JsonNode)m).ToArray()),
        };
        var start = new ProcessStartInfo("node") { WorkingDirectory = NodeClients.Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "smtp-receiver.mjs", port.ToString(), user, password, settings.ToJsonString() })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var receiver = new SmtpReceiver(process, port, directory);
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
        Directory.Delete(_certificateDirectory, recursive: true);
    }

    /// <summary>A certificate for localhost and 127.0.0.1, valid for a day, that nothing trusts.</summary>
    private static (string Directory, string Key, string Cert) WriteSelfSignedCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var directory = Directory.CreateTempSubdirectory("vigil-smtp-").FullName;
        var key = Path.Combine(directory, "key.pem");
        var cert = Path.Combine(directory, "cert.pem");
        File.WriteAllText(key, rsa.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        return (directory, key, cert);
    }
}
