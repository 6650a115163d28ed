using Dapper;
using Microsoft.AspNetCore.Identity;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Accounts.Storage;

/// <summary>Accounts with PBKDF2-hashed passwords (ASP.NET Core Identity's hasher).</summary>
public sealed class UserStore(Database database, TimeProvider clock)
{
    private static readonly PasswordHasher<string> Hasher = new();

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users");
    }

    public async Task<User> CreateAsync(string email, string password, string role, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var normalized = email.Trim().ToLowerInvariant();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var id = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO users (email, password_hash, role, created_at) VALUES (@normalized, @hash, @role, @now) RETURNING id",
            new { normalized, hash = Hasher.HashPassword(normalized, password), role, now });
        return new User(id, normalized, role, now);
    }

    /// <summary>The user when the password matches; null otherwise (no hint which part was wrong).</summary>
    public async Task<User?> VerifyAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var normalized = email.Trim().ToLowerInvariant();
        var row = await connection.QuerySingleOrDefaultAsync<(long Id, string Email, string Hash, string Role, long CreatedAt)>(
            "SELECT id, email, password_hash, role, created_at FROM users WHERE email = @normalized", new { normalized });
        if (row.Hash is null)
        {
            Hasher.HashPassword(normalized, password); // same work either way, so timing tells nothing
            return null;
        }
        return Hasher.VerifyHashedPassword(normalized, row.Hash, password) == PasswordVerificationResult.Failed
            ? null
            : new User(row.Id, row.Email, row.Role, row.CreatedAt);
    }
}
