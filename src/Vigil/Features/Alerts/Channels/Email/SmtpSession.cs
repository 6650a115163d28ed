using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace Vigil.Features.Alerts.Channels.Email;

/// <summary>A small SMTP client (RFC 5321) over a socket, with implicit TLS (SMTPS) or STARTTLS on its own
/// SslStream, and AUTH PLAIN or LOGIN chosen from what the server's EHLO offers. System.Net.Mail.SmtpClient
/// cannot do implicit TLS or AUTH PLAIN, and MailKit is not available to us. Cancellation bounds every step.</summary>
public sealed class SmtpSession : IAsyncDisposable
{
    private const int MaxLine = 4096;

    private readonly SmtpSettings _settings;
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[MaxLine];
    private Stream _stream;
    private int _start;
    private int _end;

    private SmtpSession(SmtpSettings settings, Socket socket)
    {
        _settings = settings;
        _socket = socket;
        _stream = Stream.Null;
    }

    /// <summary>EHLO keywords the server offered (upper case), with their parameters: "AUTH" → "PLAIN LOGIN".</summary>
    public IReadOnlyDictionary<string, string> Extensions { get; private set; } = new Dictionary<string, string>();

    public bool IsEncrypted => _stream is SslStream;

    /// <summary>Sends one message: connect, greet, secure, authenticate, MAIL/RCPT/DATA, QUIT. Returns the
    /// recipients the server refused while it took the others (see <see cref="SendMailAsync"/>).</summary>
    public static async Task<IReadOnlyList<SmtpRefusal>> SendAsync(SmtpSettings settings, string from, IReadOnlyList<string> to, string message, CancellationToken cancellationToken)
    {
        await using var session = await ConnectAsync(settings, cancellationToken);
        var refused = await session.SendMailAsync(from, to, message, cancellationToken);
        await session.QuitAsync(cancellationToken);
        return refused;
    }

    /// <summary>Connects and gets the session as far as sending: greeting, EHLO, TLS and AUTH as the settings ask.</summary>
    public static async Task<SmtpSession> ConnectAsync(SmtpSettings settings, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var session = new SmtpSession(settings, socket);
        try
        {
            await socket.ConnectAsync(settings.Host, settings.Port, cancellationToken);
            session._stream = new NetworkStream(socket, ownsSocket: false);
            if (settings.Security == SmtpSecurity.ImplicitTls)
                await session.StartTlsAsync(cancellationToken);
            await session.ExpectAsync(await session.ReadReplyAsync(cancellationToken), "the greeting", 220);
            await session.HelloAsync(cancellationToken);
            if (settings.Security == SmtpSecurity.StartTls)
            {
                if (!session.Extensions.ContainsKey("STARTTLS"))
                    throw new SmtpFailure("the server does not offer STARTTLS (turn starttls off only for a relay on a trusted network)", transient: false);
                await session.CommandAsync("STARTTLS", "STARTTLS", cancellationToken, 220);
                // Anything the server sent after its 220 arrived in clear and could be injected (CVE-2011-0411).
                if (session._end > session._start)
                    throw new SmtpFailure("the server sent data after agreeing to STARTTLS", transient: false);
                await session.StartTlsAsync(cancellationToken);
                await session.HelloAsync(cancellationToken);
            }
            if (!string.IsNullOrEmpty(settings.Username))
                await session.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>MAIL, RCPT for each recipient, DATA. As mail clients do, a recipient the server refuses
    /// (550 no such mailbox) does not cost the others the message: it is sent to every accepted one and the
    /// refused ones are returned. Only when every recipient is refused does it throw, transient when any
    /// refusal was (4xx), so the channel's retry rules apply as for any other reply.</summary>
    public async Task<IReadOnlyList<SmtpRefusal>> SendMailAsync(string from, IReadOnlyList<string> to, string message, CancellationToken cancellationToken)
    {
        if (to.Count == 0)
            throw new ArgumentException("A message needs at least one recipient.", nameof(to));
        await CommandAsync($"MAIL FROM:<{from}>", "MAIL FROM", cancellationToken, 250);
        var refused = new List<SmtpRefusal>();
        foreach (var recipient in to)
        {
            await WriteLineAsync($"RCPT TO:<{recipient}>", cancellationToken);
            var reply = await ReadReplyAsync(cancellationToken);
            // 421 is the server closing the session, not a verdict on this recipient: nothing more can be sent.
            if (reply.Code is >= 400 and < 600 and not 421)
                refused.Add(new SmtpRefusal(recipient, reply.Code));
            else
                await ExpectAsync(reply, "RCPT TO", 250, 251);
        }
        if (refused.Count == to.Count)
        {
            await LeaveAsync(CancellationToken.None);
            throw SmtpFailure.EveryRecipientRefused(refused);
        }
        await CommandAsync("DATA", "DATA", cancellationToken, 354);
        await _stream.WriteAsync(SmtpData.Encode(message), cancellationToken);
        await _stream.FlushAsync(cancellationToken);
        await ExpectAsync(await ReadReplyAsync(cancellationToken), "the end of DATA", 250);
        return refused;
    }

    /// <summary>Says goodbye; the message is already accepted, so a server that hangs up first is no failure.</summary>
    public async Task QuitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CommandAsync("QUIT", "QUIT", cancellationToken, 221);
        }
        catch (Exception failure) when (failure is IOException or SmtpFailure or SocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _socket.Dispose();
    }

    private async Task HelloAsync(CancellationToken cancellationToken)
    {
        var name = ClientName();
        await WriteLineAsync($"EHLO {name}", cancellationToken);
        var reply = await ReadReplyAsync(cancellationToken);
        if (reply.Code == 250)
        {
            Extensions = reply.Lines.Skip(1)
                .Select(line => line.Split(' ', 2))
                .GroupBy(parts => parts[0].ToUpperInvariant())
                .ToDictionary(g => g.Key, g => g.First().Length > 1 ? g.First()[1] : "");
            return;
        }
        // A server that predates ESMTP: HELO is enough when nothing needs an extension.
        if (reply.Code is >= 500 and < 600 && _settings.Security != SmtpSecurity.StartTls && string.IsNullOrEmpty(_settings.Username))
        {
            await CommandAsync($"HELO {name}", "HELO", cancellationToken, 250);
            Extensions = new Dictionary<string, string>();
            return;
        }
        await ExpectAsync(reply, "EHLO", 250);
    }

    private async Task AuthenticateAsync(string username, string password, CancellationToken cancellationToken)
    {
        if (!Extensions.TryGetValue("AUTH", out var offered))
            throw new SmtpFailure(IsEncrypted
                ? "the server does not offer AUTH; leave username and password empty for this relay"
                : "the server does not offer AUTH on an unencrypted connection; turn on STARTTLS or implicit TLS", transient: false);
        var mechanisms = offered.ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (mechanisms.Contains("PLAIN"))
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{username}\0{password}"));
            await CommandAsync($"AUTH PLAIN {credentials}", "AUTH PLAIN", cancellationToken, 235);
        }
        else if (mechanisms.Contains("LOGIN"))
        {
            await CommandAsync("AUTH LOGIN", "AUTH LOGIN", cancellationToken, 334);
            await CommandAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(username)), "AUTH LOGIN (username)", cancellationToken, 334);
            await CommandAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(password)), "AUTH LOGIN (password)", cancellationToken, 235);
        }
        else
        {
            throw new SmtpFailure($"the server offers AUTH {string.Join(' ', mechanisms)}, and Vigil speaks PLAIN and LOGIN", transient: false);
        }
    }

    private async Task StartTlsAsync(CancellationToken cancellationToken)
    {
        var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
        var untrusted = false;
        var accept = SmtpCertificatePolicy.For(_settings.AllowInvalidCertificate);
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = _settings.Host,
                RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
                    !(untrusted = !accept(sender, certificate, chain, errors)),
            }, cancellationToken);
        }
        catch (AuthenticationException failure)
        {
            await tls.DisposeAsync();
            throw new SmtpFailure(untrusted
                ? "TLS handshake failed: the server's certificate is not trusted (allowInvalidCertificate accepts a self-signed one)"
                : $"TLS handshake failed: {failure.GetType().Name}", transient: false);
        }
        _stream = tls;
        _start = _end = 0;
    }

    private async Task<SmtpReply> CommandAsync(string command, string step, CancellationToken cancellationToken, params int[] expected)
    {
        await WriteLineAsync(command, cancellationToken);
        var reply = await ReadReplyAsync(cancellationToken);
        await ExpectAsync(reply, step, expected);
        return reply;
    }

    private async Task ExpectAsync(SmtpReply reply, string step, params int[] expected)
    {
        if (expected.Contains(reply.Code))
            return;
        // 421 means the server is already closing the connection.
        if (reply.Code != 421)
            await LeaveAsync(CancellationToken.None);
        throw SmtpFailure.Reply(reply, step);
    }

    /// <summary>Leaves politely so the server does not count an aborted session against us; the failure is what matters.</summary>
    private async Task LeaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await WriteLineAsync("QUIT", cancellationToken);
        }
        catch (Exception failure) when (failure is IOException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task WriteLineAsync(string line, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"), cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    private async Task<SmtpReply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken);
            if (SmtpReply.ParseLine(line) is not { } parsed || (lines.Count > 0 && parsed.Code != PreviousCode(lines)))
                throw new SmtpFailure("the server's reply is not SMTP", transient: true);
            lines.Add(line);
            if (parsed.Last)
                return new SmtpReply(parsed.Code, lines.Select(l => l.Length > 4 ? l[4..] : "").ToList());
        }

        static int PreviousCode(List<string> lines) => SmtpReply.ParseLine(lines[0])!.Value.Code;
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = Encoding.UTF8.GetString(_buffer, _start, newline - _start).TrimEnd('\r');
                _start = newline + 1;
                return line;
            }
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length)
                throw new SmtpFailure($"the server sent a reply line longer than {MaxLine} bytes", transient: true);
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
                throw new SmtpFailure("the server closed the connection", transient: true);
            _end += read;
        }
    }

    private static string ClientName()
    {
        try
        {
            var name = Dns.GetHostName();
            return name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.') ? name : "localhost";
        }
        catch (SocketException)
        {
            return "localhost";
        }
    }
}
