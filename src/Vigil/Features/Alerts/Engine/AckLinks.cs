using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Vigil.Infrastructure.Hosting;

namespace Vigil.Features.Alerts.Engine;

/// <summary>The signed, time-limited link in every notification that acknowledges an alert without signing
/// in. The token carries the alert and the channel it was sent to, so history says where the ack came from.</summary>
public sealed class AckLinks(IDataProtectionProvider provider, IOptions<VigilOptions> vigil, IOptions<AlertsOptions> options)
{
    private const string Purpose = "Vigil.Alerts.Ack";
    // ToTimeLimitedDataProtector() derives its protector with this purpose; unprotecting with it directly
    // checks the signature without the expiry, which tells an expired link (410) from a forged one (400).
    private const string TimeLimitedPurpose = "Microsoft.AspNetCore.DataProtection.TimeLimitedDataProtector.v1";
    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    public enum Verdict
    {
        Valid,
        Expired,
        Invalid,
    }

    public string Url(long alertId, long channelId) => $"{vigil.Value.ResolvePublicUrl()}/alerts/ack/{Token(alertId, channelId)}";

    public string Token(long alertId, long channelId, TimeSpan? lifetime = null) =>
        _protector.Protect(FormattableString.Invariant($"{alertId}:{channelId}"), lifetime ?? options.Value.AcknowledgeLinkLifetime);

    public (Verdict Verdict, long AlertId, long ChannelId) Read(string token)
    {
        try
        {
            return Parse(_protector.Unprotect(token), Verdict.Valid);
        }
        catch (CryptographicException)
        {
            return ReadExpired(token);
        }
        catch (FormatException)
        {
            return (Verdict.Invalid, 0, 0);
        }
    }

    private (Verdict, long, long) ReadExpired(string token)
    {
        try
        {
            var inner = provider.CreateProtector(Purpose).CreateProtector(TimeLimitedPurpose);
            var bytes = inner.Unprotect(WebEncoders.Base64UrlDecode(token));
            // The first 8 bytes are the expiry; the rest is the payload.
            return Parse(Encoding.UTF8.GetString(bytes, 8, bytes.Length - 8), Verdict.Expired);
        }
        catch (Exception failure) when (failure is CryptographicException or FormatException or ArgumentException)
        {
            return (Verdict.Invalid, 0, 0);
        }
    }

    private static (Verdict, long, long) Parse(string payload, Verdict verdict)
    {
        var parts = payload.Split(':');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var alertId)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var channelId)
            ? (verdict, alertId, channelId)
            : (Verdict.Invalid, 0, 0);
    }
}
