using Vigil.Features.Alerts.Rules;
using Vigil.Infrastructure.Signals;

namespace Vigil.Features.Alerts.Engine;

/// <summary>Evaluates rules the moment a signal arrives (a new or regressed issue, a committed batch of events),
/// so an alert reaches the outbox within milliseconds of the commit that caused it — no evaluation timer in between.</summary>
public sealed class RuleSignalListener(SignalBus signals, RuleStore rules, RuleKinds kinds, RuleOutcomes outcomes, ILogger<RuleSignalListener> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var signal in signals.Subscribe(stoppingToken))
        {
            try
            {
                await HandleAsync(signal, stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                log.LogError(failure, "Alert rules failed on signal {Signal}.", signal.GetType().Name);
            }
        }
    }

    private async Task HandleAsync(ISignal signal, CancellationToken cancellationToken)
    {
        foreach (var rule in await rules.EnabledAsync(cancellationToken))
        {
            if (kinds.Find(rule.Kind) is not { } kind)
                continue;
            if (await kind.OnSignalAsync(rule, signal, cancellationToken) is { } outcome)
                await outcomes.ApplyAsync(rule, outcome, recordStatus: false, cancellationToken);
        }
    }
}
