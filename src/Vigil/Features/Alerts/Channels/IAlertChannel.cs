using System.Text.Json.Nodes;
using Vigil.Features.Alerts.Delivery;

namespace Vigil.Features.Alerts.Channels;

/// <summary>A notification channel plug-in (one folder each under Channels/, listed once in
/// <see cref="ChannelRegistry"/>). Channels keep their settings in an options object they validate
/// themselves; the store only knows which fields are secret so it can encrypt and mask them.</summary>
public interface IAlertChannel
{
    /// <summary>The kind name stored with a channel and used in the API: email, webhook, slack, teams, pagerduty.</summary>
    string Kind { get; }

    /// <summary>A human name for pages.</summary>
    string DisplayName { get; }

    /// <summary>The option fields, in form order; secret ones are encrypted at rest and masked on read.</summary>
    IReadOnlyList<ChannelField> Fields { get; }

    /// <summary>Reads and validates options; problems are keyed by field name (ProblemDetails "errors").</summary>
    ChannelOptionsResult Validate(JsonObject options);

    /// <summary>Sends one message. Never throws for a remote failure: that is an outcome. The reason in a
    /// failed outcome must not contain secrets (URLs with keys, credentials, response bodies). When an
    /// earlier attempt reached only some recipients, <paramref name="remainder"/> is what it returned: this
    /// attempt addresses its owed recipients alone. Only a channel that returns remainders is given one.</summary>
    Task<DeliveryOutcome> SendAsync(ChannelMessage message, object options, Remainder? remainder, CancellationToken cancellationToken);
}
