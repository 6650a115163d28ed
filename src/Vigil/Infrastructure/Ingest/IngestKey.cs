namespace Vigil.Infrastructure.Ingest;

/// <summary>Where HTTP ingest senders (logs, OTLP metrics) put a project's ingest key: X-Vigil-Key, Seq's X-Seq-ApiKey or
/// ?apiKey=, or Authorization: Bearer KEY (what OTEL_EXPORTER_OTLP_HEADERS usually carries).</summary>
public static class IngestKey
{
    public static string? From(HttpRequest request)
    {
        foreach (var header in new[] { "X-Vigil-Key", "X-Seq-ApiKey" })
        {
            var value = request.Headers[header].ToString().Trim();
            if (value.Length > 0)
                return value;
        }
        var query = request.Query["apiKey"].ToString();
        if (query.Length == 0)
            query = request.Query["sentry_key"].ToString();
        if (query.Length > 0)
            return query.Trim();
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }
}
