using Dapper;
using Vigil.Features.Metrics.Query;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Metrics.Storage;

/// <summary>Reads the series table: metric names with their tag keys, tag values, and the series of one name.</summary>
public sealed class MetricCatalogStore(Database database)
{
    public async Task<IReadOnlyList<MetricSummary>> ListAsync(long projectId, CancellationToken cancellationToken = default)
    {
        var rows = await RowsAsync("project_id = @projectId", new { projectId }, cancellationToken);
        return rows.GroupBy(r => r.Name, StringComparer.Ordinal)
            .Select(g => new MetricSummary(
                g.Key,
                ((MetricKind)g.First().Kind).ToString().ToLowerInvariant(),
                g.Select(r => r.Unit).FirstOrDefault(u => u is not null),
                g.Count(),
                g.SelectMany(r => SeriesIdentity.ParseTags(r.Tags).Keys).Distinct().Order(StringComparer.Ordinal).ToList(),
                g.Max(r => r.LastSeen)))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<IReadOnlyList<StoredSeries>> SeriesAsync(long projectId, string name, CancellationToken cancellationToken = default)
    {
        var rows = await RowsAsync("project_id = @projectId AND name = @name", new { projectId, name }, cancellationToken);
        return rows.Select(r => new StoredSeries(r.Id, (MetricKind)r.Kind, r.Unit, SeriesIdentity.ParseTags(r.Tags))).ToList();
    }

    public async Task<IReadOnlyList<string>> TagValuesAsync(long projectId, string name, string key, CancellationToken cancellationToken = default) =>
        (await SeriesAsync(projectId, name, cancellationToken))
            .Select(s => s.Tags.GetValueOrDefault(key))
            .OfType<string>()
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    private async Task<IEnumerable<SeriesRow>> RowsAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryAsync<SeriesRow>(new CommandDefinition(
            $"SELECT id AS Id, name AS Name, kind AS Kind, unit AS Unit, tags AS Tags, last_seen AS LastSeen FROM metric_series WHERE {where}",
            parameters, cancellationToken: cancellationToken));
    }

    private sealed class SeriesRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public long Kind { get; set; }
        public string? Unit { get; set; }
        public string Tags { get; set; } = "{}";
        public long LastSeen { get; set; }
    }
}
