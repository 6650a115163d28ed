using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Security.Authentication;
using System.Text;
using Vigil.Features.Alerts.Delivery;

namespace Vigil.Features.Alerts.Channels.Email;

/// <summary>Mail over SMTP with System.Net.Mail.SmtpClient (MailKit is not available to us). What the
/// framework supports on .NET 10: STARTTLS when EnableSsl is set (it refuses to send in clear if the
/// server does not offer it), AUTH LOGIN / NTLM / GSSAPI with NetworkCredential (not AUTH PLAIN), and
/// no implicit TLS — port 465 does not work, use the submission port 587 with STARTTLS.</summary>
public sealed class EmailChannel : AlertChannel<EmailOptions>
{
    public override string Kind => "email";
    public override string DisplayName => "Email";

    public override IReadOnlyList<ChannelField> Fields { get; } =
    [
        new("host", "SMTP host", FieldType.Text, Required: true, Placeholder: "smtp.example.com"),
        new("port", "Port", FieldType.Number, Placeholder: "587"),
        new("from", "From", FieldType.Text, Required: true, Placeholder: "vigil@example.com"),
        new("to", "To", FieldType.List, Required: true, Placeholder: "oncall@example.com, lead@example.com"),
        new("username", "Username", FieldType.Text),
        new("password", "Password", FieldType.Text, Secret: SecretMask.Hidden),
        new("starttls", "Use STARTTLS", FieldType.Boolean, Help: "On unless the relay is on a trusted local network."),
        new("allowInvalidCertificate", "Accept a self-signed certificate", FieldType.Boolean),
    ];

    protected override void Check(EmailOptions options, OptionProblems problems)
    {
        if (options.Port is < 1 or > 65535)
            problems.Add("port", "must be between 1 and 65535.");
        if (!string.IsNullOrWhiteSpace(options.From) && !MailAddress.TryCreate(options.From, out _))
            problems.Add("from", "is not an email address.");
        if (options.To is { Count: 0 })
            problems.Add("to", "needs at least one address.");
        foreach (var to in options.To ?? [])
        {
            if (!MailAddress.TryCreate(to, out _))
                problems.Add("to", $"has '{to}', which is not an email address.");
        }
        if (string.IsNullOrEmpty(options.Username) != string.IsNullOrEmpty(options.Password))
            problems.Add(string.IsNullOrEmpty(options.Username) ? "username" : "password", "is needed with the other for SMTP AUTH.");
    }

    protected override async Task<DeliveryOutcome> SendAsync(ChannelMessage message, EmailOptions options, CancellationToken cancellationToken)
    {
        using var mail = new MailMessage { From = new MailAddress(options.From!), Subject = EmailBody.Subject(message) };
        foreach (var to in options.To!)
            mail.To.Add(to);
        mail.SubjectEncoding = mail.BodyEncoding = Encoding.UTF8;
        mail.Body = EmailBody.Text(message);
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(EmailBody.Html(message), Encoding.UTF8, MediaTypeNames.Text.Html));
        using var client = new SmtpClient(options.Host!, options.SmtpPort)
        {
            EnableSsl = options.UseStarttls,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            // The worker's per-attempt cancellation is the real bound; this stops a stalled synchronous step.
            Timeout = 60_000,
        };
        if (!string.IsNullOrEmpty(options.Username))
            client.Credentials = new NetworkCredential(options.Username, options.Password);
        try
        {
            using var _ = SmtpCertificatePolicy.Scope(options.AllowInvalidCertificate == true);
            await client.SendMailAsync(mail, cancellationToken);
            return DeliveryOutcome.Delivered;
        }
        catch (SmtpException failure)
        {
            return Classify(failure);
        }
    }

    /// <summary>SMTP 4xx replies and failures to connect are worth retrying; 5xx replies (bad address,
    /// rejected credentials, STARTTLS required) are not. Messages are built from codes: a server's reply
    /// text can quote the address or the credentials.</summary>
    private static DeliveryOutcome Classify(SmtpException failure)
    {
        for (Exception? inner = failure; inner is not null; inner = inner.InnerException)
        {
            if (inner is AuthenticationException)
                return DeliveryOutcome.Fail("STARTTLS handshake failed: the server's certificate is not trusted (allowInvalidCertificate accepts a self-signed one)");
        }
        var code = (int)failure.StatusCode;
        if (failure.StatusCode == SmtpStatusCode.GeneralFailure)
            return DeliveryOutcome.Retry($"SMTP connection failed{(failure.InnerException is { } inner2 ? $": {inner2.GetType().Name}" : "")}");
        var reason = $"SMTP {code} {failure.StatusCode}";
        return code is >= 400 and < 500 ? DeliveryOutcome.Retry(reason) : DeliveryOutcome.Fail(reason);
    }
}
