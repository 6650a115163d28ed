using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vigil.Features.Alerts.Delivery;

namespace Vigil.Features.Alerts.Channels.Webhook;

/// <summary>POSTs <see cref="WebhookPayload"/> JSON. With a secret, X-Vigil-Signature is
/// <c>sha256=</c> + hex HMAC-SHA256 of the raw body, so a receiver can check the body came from us.</summary>
public sealed class WebhookChannel(ChannelHttp http) : AlertChannel<WebhookOptions>
{
    public const string SignatureHeader = "X-Vigil-Signature";
    public const string TimestampHeader = "X-Vigil-Timestamp";

    public override string Kind => "webhook";
    public override string DisplayName => "Webhook";

    public override IReadOnlyList<ChannelField> Fields { get; } =
    [
        new("url", "URL", FieldType.Url, Required: true, Placeholder: "https://example.com/hooks/vigil"),
        new("secret", "Signing secret", FieldType.Text, Secret: SecretMask.Hidden, Help: "Signs each body: X-Vigil-Signature: sha256=<hex HMAC>."),
        new("headers", "Extra headers", FieldType.Map, Secret: SecretMask.Hidden, Help: "One 'Name: value' per line, e.g. Authorization."),
    ];

    protected override void Check(WebhookOptions options, OptionProblems problems)
    {
        problems.CheckUrl("url", options.Url);
        foreach (var name in options.Headers?.Keys ?? Enumerable.Empty<string>())
        {
            if (string.IsNullOrWhiteSpace(name) || name.Any(c => c <= ' ' || c == ':' || c > '~'))
                problems.Add("headers", "has a header name that is not a valid HTTP token.");
        }
    }

    protected override Task<DeliveryOutcome> SendAsync(ChannelMessage message, WebhookOptions options, CancellationToken cancellationToken)
    {
        var body = WebhookPayload.Serialize(message);
        var headers = new List<KeyValuePair<string, string>>(options.Headers ?? [])
        {
            new(TimestampHeader, DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        if (!string.IsNullOrEmpty(options.Secret))
            headers.Add(new(SignatureHeader, Sign(body, options.Secret)));
        return http.PostAsync(options.Url!, body, headers, cancellationToken);
    }

    public static string Sign(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
