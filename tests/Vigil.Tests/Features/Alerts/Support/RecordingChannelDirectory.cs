using System.Collections.Concurrent;
using Vigil.Features.Alerts.Delivery;

namespace Vigil.Tests.Features.Alerts.Support;

/// <summary>A stand-in for the channel store, paired with <see cref="RecordingOutbox"/>: channels a test adds by name, needing no receivers.</summary>
public sealed class RecordingChannelDirectory : IChannelDirectory
{
    private readonly ConcurrentDictionary<long, ChannelSummary> _channels = new();
    private long _next = 100;

    public ChannelSummary Add(long projectId, string name, string kind = "webhook")
    {
        var channel = new ChannelSummary(Interlocked.Increment(ref _next), projectId, name, kind, true);
        _channels[channel.Id] = channel;
        return channel;
    }

    public Task<IReadOnlyList<ChannelSummary>> ListAsync(long projectId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ChannelSummary>>(_channels.Values.Where(c => c.ProjectId == projectId).OrderBy(c => c.Id).ToList());

    public Task<ChannelSummary?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_channels.TryGetValue(id, out var channel) ? channel : null);
}
