using System.Security.Cryptography;
using System.Text;
using Dapper;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Accounts.Storage;

/// <summary>API tokens: shown once at creation, stored only as a SHA-256 hash, revocable.</summary>
public sealed class TokenStore(Database database, TimeProvider clock)
{
    public const string Prefix = "vgl_";

    public async Task<(ApiToken Token, string Secret)> CreateAsync(string name, CancellationToken cancellationToken = default)
    {
        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        await using var connection = await database.OpenAsync(cancellationToken);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var prefix = secret[..8];
        var id = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO api_tokens (name, token_hash, prefix, created_at) VALUES (@name, @hash, @prefix, @now) RETURNING id",
            new { name, hash = Hash(secret), prefix, now });
        return (new ApiToken(id, name, prefix, now, null), secret);
    }

    public async Task<ApiToken?> FindActiveAsync(string secret, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(long Id, string Name, string Prefix, long CreatedAt)>(
            "SELECT id, name, prefix, created_at FROM api_tokens WHERE token_hash = @hash AND revoked_at IS NULL",
            new { hash = Hash(secret) });
        return row.Name is null ? null : new ApiToken(row.Id, row.Name, row.Prefix, row.CreatedAt, null);
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string Name, string Prefix, long CreatedAt, long? RevokedAt)>(
            "SELECT id, name, prefix, created_at, revoked_at FROM api_tokens ORDER BY id");
        return rows.Select(r => new ApiToken(r.Id, r.Name, r.Prefix, r.CreatedAt, r.RevokedAt)).ToList();
    }

    public async Task<bool> RevokeAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            "UPDATE api_tokens SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL",
            new { id, now = clock.GetUtcNow().ToUnixTimeMilliseconds() }) == 1;
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

public sealed record ApiToken(long Id, string Name, string Prefix, long CreatedAt, long? RevokedAt);
