using System.Text.Json.Nodes;
using Vigil.Infrastructure.Signals;

namespace Vigil.Features.Alerts.Rules;

/// <summary>One kind of rule. Signal-driven kinds answer <see cref="OnSignalAsync"/> (new issue: within
/// milliseconds of the commit); periodic kinds answer <see cref="EvaluateAsync"/>, which the scheduler calls
/// every Alerts:EvaluationInterval and which may resolve the rule's alert. A kind may do both.</summary>
public abstract class RuleKind
{
    public abstract string Name { get; }

    /// <summary>One line for the rules page.</summary>
    public abstract string Description { get; }

    /// <summary>The first problem with <paramref name="parameters"/>, naming the parameter, or null.</summary>
    public abstract string? Validate(JsonObject parameters);

    public virtual bool IsPeriodic => false;

    /// <summary>Null when the signal means nothing to this rule.</summary>
    public virtual ValueTask<RuleOutcome?> OnSignalAsync(AlertRule rule, ISignal signal, CancellationToken cancellationToken) =>
        ValueTask.FromResult<RuleOutcome?>(null);

    public virtual Task<RuleOutcome> EvaluateAsync(AlertRule rule, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(RuleOutcome.Quiet("evaluated on signals only"));
}
