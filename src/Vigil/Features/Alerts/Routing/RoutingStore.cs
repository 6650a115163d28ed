using System.Text.Json;
using Dapper;
using Vigil.Features.Alerts.Delivery;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Alerts.Routing;

/// <summary>Each project's routing policy. A project that has none sends every severity to all its
/// enabled channels, so a first channel works without configuring routing.</summary>
public sealed class RoutingStore(Database database, TimeProvider clock, IChannelDirectory? channels = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<(RoutingPolicy Policy, bool Configured)> GetAsync(long projectId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var text = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT policy FROM alert_routing WHERE project_id = @projectId", new { projectId }, cancellationToken: cancellationToken));
        if (text is not null)
            return (JsonSerializer.Deserialize<RoutingPolicy>(text, Json)!, true);
        return (await DefaultAsync(projectId, cancellationToken), false);
    }

    public async Task<string?> PutAsync(long projectId, RoutingPolicy policy, CancellationToken cancellationToken = default)
    {
        HashSet<long>? known = null;
        if (channels is not null)
            known = (await channels.ListAsync(projectId, cancellationToken)).Select(c => c.Id).ToHashSet();
        if (policy.Validate(known) is { } error)
            return error;
        var normalized = policy with
        {
            Severities = policy.Severities.ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value),
        };
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO alert_routing (project_id, policy, updated_at) VALUES (@projectId, @policy, @now) " +
            "ON CONFLICT (project_id) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at",
            new { projectId, policy = JsonSerializer.Serialize(normalized, Json), now = clock.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return null;
    }

    private async Task<RoutingPolicy> DefaultAsync(long projectId, CancellationToken cancellationToken)
    {
        var enabled = channels is null ? [] : (await channels.ListAsync(projectId, cancellationToken)).Where(c => c.Enabled).Select(c => c.Id).ToList();
        IReadOnlyList<EscalationLevel> levels = enabled.Count == 0 ? [] : [new EscalationLevel(enabled)];
        return new RoutingPolicy(Enum.GetValues<AlertSeverity>().ToDictionary(Severities.Name, _ => levels));
    }
}
