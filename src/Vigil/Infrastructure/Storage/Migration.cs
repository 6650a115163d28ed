namespace Vigil.Infrastructure.Storage;

/// <summary>One numbered schema change. <see cref="Sql"/> may use the tokens of <see cref="Database.Ddl"/>;
/// <see cref="PostgresSql"/> replaces it on PostgreSQL when the engines need different statements.</summary>
public sealed record Migration(int Version, string Name, string Sql, string? PostgresSql = null);

/// <summary>A capability's own migrations, applied in version order.</summary>
public interface IMigrationSet
{
    string Capability { get; }
    IReadOnlyList<Migration> Migrations { get; }
}
