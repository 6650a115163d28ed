namespace Vigil.Features.Projects;

/// <summary>An ingest key. The public key is what SDKs send; like Sentry's it is not a secret
/// on its own, but revoking it stops every sender that uses it.</summary>
public sealed record ProjectKey(long Id, long ProjectId, string PublicKey, string Label, long CreatedAt, long? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}
