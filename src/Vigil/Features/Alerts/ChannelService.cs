using System.Text.Json.Nodes;
using Vigil.Features.Alerts.Channels;
using Vigil.Features.Alerts.Delivery;
using Vigil.Features.Alerts.Storage;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Alerts;

/// <summary>Channel rules shared by the API and the page: validation by kind, secrets kept on edit,
/// and the "send test" action.</summary>
public sealed class ChannelService(
    ChannelStore channels,
    ChannelSecrets secrets,
    ChannelRegistry registry,
    NotificationOutbox outbox,
    Database database,
    TimeProvider clock)
{
    public const int MaxNameLength = 100;

    public async Task<ChannelEditResult> CreateAsync(long projectId, ChannelEdit edit, CancellationToken cancellationToken = default)
    {
        var (plugin, name, options, problems) = Check(edit, current: null);
        if (problems is not null)
            return new ChannelEditResult(null, problems);
        var id = await channels.CreateAsync(projectId, name, plugin!.Kind, secrets.Protect(plugin, options!), edit.Enabled ?? true, cancellationToken);
        return new ChannelEditResult(id, new Dictionary<string, string[]>());
    }

    public async Task<ChannelEditResult> UpdateAsync(Channel current, ChannelEdit edit, CancellationToken cancellationToken = default)
    {
        var (plugin, name, options, problems) = Check(edit with { Kind = edit.Kind ?? current.Kind, Name = edit.Name ?? current.Name },
            string.Equals(edit.Kind ?? current.Kind, current.Kind, StringComparison.OrdinalIgnoreCase) ? current.Options : null);
        if (problems is not null)
            return new ChannelEditResult(null, problems);
        await channels.UpdateAsync(current.Id, name, plugin!.Kind, secrets.Protect(plugin, options!), edit.Enabled ?? current.Enabled, cancellationToken);
        return new ChannelEditResult(current.Id, new Dictionary<string, string[]>());
    }

    /// <summary>Queues a Test notification through the outbox (the same path as a real alert) and returns its delivery id.</summary>
    public async Task<long> SendTestAsync(Channel channel, string projectSlug, string baseUrl, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var message = new ChannelMessage(NotificationKind.Test, projectSlug, $"Test notification for channel '{channel.Name}'",
        [
            new AlertNotice(0, "vigil-test", AlertSeverity.Info, "Vigil test alert",
                "This is a test from Vigil. If you can read it, the channel works.",
                new Dictionary<string, string> { ["channel"] = channel.Name, ["sentAt"] = now.ToString("u") },
                "firing", now, $"{baseUrl}/projects/{projectSlug}/channels", null),
        ]);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await outbox.InsertAsync(connection, transaction, channel.Id, message, $"test:{Guid.NewGuid():N}", null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id ?? throw new InvalidOperationException("A fresh test key collided.");
    }

    private (IAlertChannel? Plugin, string Name, JsonObject? Options, IReadOnlyDictionary<string, string[]>? Problems) Check(ChannelEdit edit, JsonObject? current)
    {
        var problems = new Dictionary<string, string[]>();
        var name = edit.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength)
            problems["name"] = [$"name must be 1 to {MaxNameLength} characters."];
        var plugin = registry.Find(edit.Kind);
        if (plugin is null)
        {
            problems["kind"] = [$"kind {(string.IsNullOrWhiteSpace(edit.Kind) ? "is required" : $"'{edit.Kind}' is unknown")}: use one of {string.Join(", ", registry.Kinds)}."];
            return (null, name, null, problems);
        }
        var options = ChannelSecrets.KeepUnchanged(plugin, edit.Options ?? current ?? [], current);
        var validated = plugin.Validate(options);
        foreach (var (field, messages) in validated.Problems)
            problems[$"options.{field}"] = messages;
        return problems.Count == 0 ? (plugin, name, options, null) : (plugin, name, null, problems);
    }
}
