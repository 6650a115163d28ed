using Vigil.Infrastructure.Ingest;

namespace Vigil.Features.Projects;

/// <summary>Which project an HTTP ingest request (logs, OTLP metrics) is for, from the key in its
/// headers or query (<see cref="IngestKey"/>), checked before its body is read. On failure,
/// <see cref="Status"/> and <see cref="Error"/> say what to answer.</summary>
public sealed record IngestAuthentication(IngestIdentity? Identity, int Status, string? Error)
{
    public static async Task<IngestAuthentication> AuthenticateAsync(ProjectKeyCache keys, HttpRequest request, CancellationToken cancellationToken)
    {
        var key = IngestKey.From(request);
        if (string.IsNullOrEmpty(key))
            return new(null, 401, "No ingest key: send X-Vigil-Key (or X-Seq-ApiKey, ?apiKey=, Authorization: Bearer) with a project key.");
        var identity = await keys.ResolveAsync(key, cancellationToken);
        if (identity is null)
            return new(null, 401, "Unknown ingest key.");
        return identity.Key.IsRevoked ? new(null, 403, "This ingest key was revoked.") : new(identity, 200, null);
    }
}
