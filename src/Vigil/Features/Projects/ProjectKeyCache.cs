using System.Collections.Concurrent;
using Vigil.Features.Projects.Storage;

namespace Vigil.Features.Projects;

/// <summary>What ingest needs to know about a key, resolved without a database round trip per request.
/// Entries live a few seconds so a revocation (even from the CLI in another process) takes effect quickly.</summary>
public sealed class ProjectKeyCache(ProjectStore store, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, Entry> _entries = new();

    public async ValueTask<IngestIdentity?> ResolveAsync(string publicKey, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(publicKey, out var entry) && entry.ExpiresAt > now)
            return entry.Identity;
        IngestIdentity? identity = null;
        var key = await store.FindKeyAsync(publicKey, cancellationToken);
        if (key is not null)
        {
            var project = await store.FindAsync(key.ProjectId, cancellationToken);
            if (project is not null)
                identity = new IngestIdentity(project, key);
        }
        if (_entries.Count > 100_000)
            _entries.Clear();
        _entries[publicKey] = new Entry(identity, now + Lifetime);
        return identity;
    }

    public void Forget(string publicKey) => _entries.TryRemove(publicKey, out _);

    public void ForgetAll() => _entries.Clear();

    private sealed record Entry(IngestIdentity? Identity, DateTimeOffset ExpiresAt);
}

/// <summary>The project and key an ingest request authenticated as.</summary>
public sealed record IngestIdentity(Project Project, ProjectKey Key);
