namespace Vigil.Features.Errors.Ingest;

/// <summary>Finds the public key a Sentry SDK sent: X-Sentry-Auth (or Authorization: Sentry …),
/// the sentry_key query parameter, or the envelope header's DSN.</summary>
public static class SentryAuth
{
    public static string? FromHeaders(string? sentryAuth, string? authorization)
    {
        foreach (var header in new[] { sentryAuth, authorization })
        {
            if (string.IsNullOrWhiteSpace(header))
                continue;
            var value = header.Trim();
            if (value.StartsWith("Sentry ", StringComparison.OrdinalIgnoreCase))
                value = value[7..];
            else if (header == authorization)
                continue;
            foreach (var pair in value.Split(','))
            {
                var equals = pair.IndexOf('=');
                if (equals > 0 && pair[..equals].Trim().Equals("sentry_key", StringComparison.OrdinalIgnoreCase))
                    return pair[(equals + 1)..].Trim();
            }
        }
        return null;
    }

    public static string? FromDsn(string? dsn)
    {
        if (string.IsNullOrWhiteSpace(dsn) || !Uri.TryCreate(dsn, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.UserInfo))
            return null;
        var colon = uri.UserInfo.IndexOf(':');
        return colon < 0 ? uri.UserInfo : uri.UserInfo[..colon];
    }
}
