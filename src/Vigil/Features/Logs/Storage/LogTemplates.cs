using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;

namespace Vigil.Features.Logs.Storage;

/// <summary>Message templates by (project, hash), read from log_templates once and kept: a template
/// never changes once stored, and a project has few of them next to its events.</summary>
public sealed class LogTemplates
{
    private const int MaxCached = 200_000;
    private readonly ConcurrentDictionary<(long Project, long Hash), string> _cache = new();

    /// <summary>The templates of <paramref name="hashes"/> (unknown ones left out).</summary>
    public async Task<Dictionary<long, string>> ForAsync(DbConnection connection, long projectId, IEnumerable<long> hashes, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, string>();
        var missing = new List<long>();
        foreach (var hash in hashes.Distinct())
        {
            if (_cache.TryGetValue((projectId, hash), out var template))
                found[hash] = template;
            else
                missing.Add(hash);
        }
        foreach (var chunk in missing.Chunk(500))
        {
            var parameters = new DynamicParameters(new { projectId });
            var names = chunk.Select((hash, i) => { parameters.Add("h" + i, hash); return "@h" + i; });
            var rows = await connection.QueryAsync<(long Hash, string Template)>(new CommandDefinition(
                $"SELECT hash, template FROM log_templates WHERE project_id = @projectId AND hash IN ({string.Join(',', names)})",
                parameters, cancellationToken: cancellationToken));
            foreach (var (hash, template) in rows)
            {
                found[hash] = template;
                Remember(projectId, hash, template);
            }
        }
        return found;
    }

    /// <summary>Every template of the project: for a query that filters or groups by template.</summary>
    public async Task<Dictionary<long, string>> AllAsync(DbConnection connection, long projectId, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(long Hash, string Template)>(new CommandDefinition(
            "SELECT hash, template FROM log_templates WHERE project_id = @projectId", new { projectId }, cancellationToken: cancellationToken));
        var all = new Dictionary<long, string>();
        foreach (var (hash, template) in rows)
        {
            all[hash] = template;
            Remember(projectId, hash, template);
        }
        return all;
    }

    private void Remember(long projectId, long hash, string template)
    {
        if (_cache.Count >= MaxCached)
            _cache.Clear();
        _cache[(projectId, hash)] = template;
    }
}
