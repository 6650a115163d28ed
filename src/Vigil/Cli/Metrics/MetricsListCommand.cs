using System.CommandLine;
using System.Text.Json;
using Vigil.Features.Metrics.Query;
using Vigil.Features.Metrics.Storage;

namespace Vigil.Cli.Metrics;

/// <summary>`vigil metrics list [--project SLUG] [--json]`: the project's metric names, derived ones included.</summary>
public sealed class MetricsListCommand : StoreCommand
{
    private readonly ProjectOption _project = new(required: false);

    public MetricsListCommand() : base("list", "List a project's metrics.", "One JSON object per line.") => _project.AddTo(this);

    protected override async Task<int> RunAsync(ParseResult parse, IServiceProvider services, bool json, CancellationToken cancellationToken)
    {
        var project = await _project.FindAsync(parse, services, cancellationToken);
        if (project is null)
            return ExitCodes.NotFound;
        var stored = await services.GetRequiredService<MetricCatalogStore>().ListAsync(project.Id, cancellationToken);
        var derived = await services.GetRequiredService<DerivedSeries>().ListAsync(project.Id, cancellationToken);
        foreach (var metric in stored.Concat(derived))
        {
            Console.WriteLine(json
                ? JsonSerializer.Serialize(metric, MetricsOutput.Json)
                : $"{metric.Name}\t{metric.Kind}\t{metric.Unit ?? "-"}\t{metric.Series} series\t{string.Join(',', metric.TagKeys)}");
        }
        return ExitCodes.Ok;
    }
}
