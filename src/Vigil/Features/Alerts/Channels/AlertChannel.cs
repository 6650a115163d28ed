using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Features.Alerts.Delivery;

namespace Vigil.Features.Alerts.Channels;

/// <summary>The common shape of a channel: options are a record read from JSON (camelCase) and checked
/// by the channel; <see cref="SendAsync(ChannelMessage, TOptions, CancellationToken)"/> gets them typed.</summary>
public abstract class AlertChannel<TOptions> : IAlertChannel where TOptions : class
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public abstract string Kind { get; }
    public abstract string DisplayName { get; }
    public abstract IReadOnlyList<ChannelField> Fields { get; }

    public ChannelOptionsResult Validate(JsonObject options)
    {
        var problems = new OptionProblems();
        TOptions? typed = null;
        try
        {
            typed = options.Deserialize<TOptions>(Json);
        }
        catch (JsonException failure)
        {
            // The path names the field ("$.port"); the message never echoes the value.
            problems.Add(failure.Path?.TrimStart('$', '.') is { Length: > 0 } path ? path : "options", "has the wrong type.");
        }
        if (typed is null)
            return ChannelOptionsResult.Invalid(problems.ToDictionary("options", "Options are missing."));
        foreach (var field in Fields.Where(f => f.Required))
        {
            if (options[field.Name] is null || options[field.Name] is JsonValue value && value.TryGetValue<string>(out var text) && string.IsNullOrWhiteSpace(text))
                problems.Add(field.Name, "is required.");
        }
        Check(typed, problems);
        return problems.Count == 0 ? ChannelOptionsResult.Valid(typed) : ChannelOptionsResult.Invalid(problems.ToDictionary());
    }

    public Task<DeliveryOutcome> SendAsync(ChannelMessage message, object options, Remainder? remainder, CancellationToken cancellationToken) =>
        remainder is null
            ? SendAsync(message, (TOptions)options, cancellationToken)
            : ResumeAsync(message, (TOptions)options, remainder, cancellationToken);

    /// <summary>Checks beyond "required": formats, ranges, combinations.</summary>
    protected abstract void Check(TOptions options, OptionProblems problems);

    protected abstract Task<DeliveryOutcome> SendAsync(ChannelMessage message, TOptions options, CancellationToken cancellationToken);

    /// <summary>Sends to the recipients an earlier attempt still owes. A channel with a single receiver never
    /// returns a remainder, so it is never asked; should one arrive, sending to everyone again would be wrong.</summary>
    protected virtual Task<DeliveryOutcome> ResumeAsync(ChannelMessage message, TOptions options, Remainder remainder, CancellationToken cancellationToken) =>
        Task.FromResult(DeliveryOutcome.Fail($"the {Kind} channel cannot send to part of its recipients"));
}
