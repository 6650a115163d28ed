using System.Net.Mail;
using System.Net.Sockets;
using Vigil.Features.Alerts.Delivery;

namespace Vigil.Features.Alerts.Channels.Email;

/// <summary>Mail over SMTP with Vigil's own <see cref="SmtpSession"/>: implicit TLS (SMTPS, port 465),
/// STARTTLS (the default, port 587) or clear text, and AUTH PLAIN or LOGIN as the server offers.</summary>
public sealed class EmailChannel(TimeProvider clock) : AlertChannel<EmailOptions>
{
    public override string Kind => "email";
    public override string DisplayName => "Email";

    // The defaults are EmailOptions.Security's: implicit TLS when the port is 465, else STARTTLS.
    public override IReadOnlyList<ChannelField> Fields { get; } =
    [
        new("host", "SMTP host", FieldType.Text, Required: true, Placeholder: "smtp.example.com"),
        new("port", "Port", FieldType.Number, Placeholder: "587", Help: "587 for STARTTLS, 465 for implicit TLS."),
        new("from", "From", FieldType.Text, Required: true, Placeholder: "vigil@example.com"),
        new("to", "To", FieldType.List, Required: true, Placeholder: "oncall@example.com, lead@example.com"),
        new("username", "Username", FieldType.Text),
        new("password", "Password", FieldType.Text, Secret: SecretMask.Hidden),
        new("implicitTls", "Use implicit TLS (SMTPS)", FieldType.Boolean, Help: "TLS from the first byte, usually on port 465.",
            Default: options => options["port"]?.ToJsonString() == "465"),
        new("starttls", "Use STARTTLS", FieldType.Boolean, Help: "Without implicit TLS: on unless the relay is on a trusted local network.",
            Default: _ => true),
        new("allowInvalidCertificate", "Accept a self-signed certificate", FieldType.Boolean),
    ];

    protected override void Check(EmailOptions options, OptionProblems problems)
    {
        if (options.Port is < 1 or > 65535)
            problems.Add("port", "must be between 1 and 65535.");
        if (options is { Port: 465, ImplicitTls: false, Starttls: not false })
            problems.Add("implicitTls", "is how port 465 works (SMTPS): turn it on, or use port 587 for STARTTLS.");
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

    protected override Task<DeliveryOutcome> SendAsync(ChannelMessage message, EmailOptions options, CancellationToken cancellationToken) =>
        DeliverAsync(message, options, null, cancellationToken);

    protected override Task<DeliveryOutcome> ResumeAsync(ChannelMessage message, EmailOptions options, Remainder remainder, CancellationToken cancellationToken) =>
        DeliverAsync(message, options, remainder, cancellationToken);

    /// <summary>Sends to every configured recipient, or after a partial delivery to the owed ones alone (the
    /// headers still name everyone, as the first copy did). Recipients refused for now (4xx) are owed another
    /// try; those refused for good (5xx) are reported. Until someone has the message a failure is an ordinary
    /// retry or failure, since starting over repeats it to nobody.</summary>
    private async Task<DeliveryOutcome> DeliverAsync(ChannelMessage message, EmailOptions options, Remainder? earlier, CancellationToken cancellationToken)
    {
        var from = new MailAddress(options.From!);
        var to = options.To!.Select(t => new MailAddress(t)).ToList();
        var recipients = earlier?.Owed.Select(o => o.Recipient).ToList() ?? to.Select(t => t.Address).ToList();
        var mime = EmailMime.Build(Header(from), to.Select(Header).ToList(), EmailBody.Subject(message),
            EmailBody.Text(message), EmailBody.Html(message), clock.GetUtcNow());
        var settings = new SmtpSettings(options.Host!, options.SmtpPort, options.Security, options.Username, options.Password,
            options.AllowInvalidCertificate == true);
        IReadOnlyList<SmtpRefusal> refused;
        try
        {
            refused = await SmtpSession.SendAsync(settings, from.Address, recipients, mime, cancellationToken);
        }
        catch (SmtpFailure failure) when (earlier is not null && failure.Refused.Count > 0)
        {
            // None of the owed took it this time, but the earlier ones have it: still a partial delivery.
            refused = failure.Refused;
        }
        catch (SmtpFailure failure)
        {
            return failure.IsTransient ? DeliveryOutcome.Retry(failure.Message) : DeliveryOutcome.Fail(failure.Message);
        }
        catch (SocketException failure)
        {
            return DeliveryOutcome.Retry($"SMTP connection failed: {failure.SocketErrorCode}");
        }
        catch (IOException failure)
        {
            return DeliveryOutcome.Retry($"SMTP connection failed: {failure.InnerException?.GetType().Name ?? failure.GetType().Name}");
        }
        if (earlier is null && refused.Count == 0)
            return DeliveryOutcome.Delivered;
        var remainder = (earlier ?? new Remainder(recipients.Count, 0, [], [])).After(
            recipients.Count - refused.Count,
            refused.Where(r => r.IsTransient).Select(AsUnreached).ToList(),
            refused.Where(r => !r.IsTransient).Select(AsUnreached).ToList());
        return remainder switch
        {
            { Owed.Count: > 0 } => DeliveryOutcome.Owing(remainder),
            { Refused.Count: > 0 } => DeliveryOutcome.PartlyDelivered(remainder),
            _ => DeliveryOutcome.Delivered,
        };
    }

    private static Unreached AsUnreached(SmtpRefusal refusal) => new(refusal.Recipient, $"SMTP {refusal.Code}");

    /// <summary>An address for a header: with its display name when that is plain ASCII, else the bare address.</summary>
    private static string Header(MailAddress address) =>
        address.DisplayName.Length > 0 && address.DisplayName.All(c => c is >= ' ' and <= '~' and not '"' and not '\\')
            ? $"\"{address.DisplayName}\" <{address.Address}>"
            : address.Address;
}
