namespace Vigil.Features.Alerts.Delivery;

public sealed record ChannelSummary(long Id, long ProjectId, string Name, string Kind, bool Enabled);

/// <summary>The channels a project has, for routing policies and pages; secrets stay with the channel store.</summary>
public interface IChannelDirectory
{
    Task<IReadOnlyList<ChannelSummary>> ListAsync(long projectId, CancellationToken cancellationToken = default);
    Task<ChannelSummary?> GetAsync(long id, CancellationToken cancellationToken = default);
}
