using Microsoft.Extensions.Options;
using Vigil.Features.Alerts.Rules;

namespace Vigil.Features.Alerts.Engine;

/// <summary>Every Alerts:EvaluationInterval, evaluates the periodic rules (issue frequency, log count, metrics):
/// fires when a condition holds and resolves the alert, saying why, when it clears.</summary>
public sealed class RuleScheduler(RuleStore rules, RuleKinds kinds, RuleOutcomes outcomes, TimeProvider clock, IOptions<AlertsOptions> options,
    ILogger<RuleScheduler> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.EvaluationInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            await EvaluateAllAsync(stoppingToken);
    }

    public async Task EvaluateAllAsync(CancellationToken cancellationToken = default)
    {
        foreach (var rule in await rules.EnabledAsync(cancellationToken))
        {
            if (kinds.Find(rule.Kind) is not { IsPeriodic: true } kind)
                continue;
            try
            {
                var outcome = await kind.EvaluateAsync(rule, clock.GetUtcNow(), cancellationToken);
                await outcomes.ApplyAsync(rule, outcome, recordStatus: true, cancellationToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                log.LogError(failure, "Alert rule {Rule} ({Kind}) failed to evaluate.", rule.Id, rule.Kind);
                await rules.RecordStatusAsync(rule.Id, $"evaluation failed: {failure.Message}", cancellationToken);
            }
        }
    }
}
