using System.CommandLine;
using Vigil.Features.Metrics;
using Vigil.Features.Metrics.Query;
using Vigil.Features.Metrics.Storage;

namespace Vigil.Cli.Metrics;

/// <summary>`vigil metrics query NAME [--agg p99] [--since 1h] [--step 1m] [--filter k:v]… [--group-by k] [--offset 7d] [--json]`.</summary>
public sealed class MetricsQueryCommand : StoreCommand
{
    private readonly Argument<string> _name = new("name") { Description = "The metric's name." };
    private readonly Option<string?> _agg = new("--agg") { Description = $"One of {string.Join(", ", MetricAggregations.All)} (default: by kind)." };
    private readonly Option<string> _since = new("--since") { Description = "How far back: 15m, 24h, 7d (default 1h).", DefaultValueFactory = _ => "1h" };
    private readonly Option<string?> _step = new("--step") { Description = "Bucket width, a multiple of 10s (default: from the range)." };
    private readonly Option<string[]> _filter = new("--filter") { Description = "Tag filter: key:value, key!=value, key=~a|b (repeatable).", AllowMultipleArgumentsPerToken = false };
    private readonly Option<string[]> _groupBy = new("--group-by") { Description = "Tag keys to group by (repeatable)." };
    private readonly Option<string?> _offset = new("--offset") { Description = "Shift the window back (7d for last week)." };
    private readonly ProjectOption _project = new(required: false);

    public MetricsQueryCommand() : base("query", "Aggregate a metric over time.", "Print the result as JSON.")
    {
        Arguments.Add(_name);
        Options.Add(_agg);
        Options.Add(_since);
        Options.Add(_step);
        Options.Add(_filter);
        Options.Add(_groupBy);
        Options.Add(_offset);
        _project.AddTo(this);
    }

    protected override async Task<int> RunAsync(ParseResult parse, IServiceProvider services, bool json, CancellationToken cancellationToken)
    {
        var project = await _project.FindAsync(parse, services, cancellationToken);
        if (project is null)
            return ExitCodes.NotFound;
        var request = new MetricRequest(parse.GetValue(_name), parse.GetValue(_agg), parse.GetValue(_filter), parse.GetValue(_groupBy),
            null, null, parse.GetValue(_since), parse.GetValue(_step), parse.GetValue(_offset));
        var (query, failure) = request.ToQuery(project.Id, DateTimeOffset.UtcNow);
        if (failure is not null)
        {
            await Console.Error.WriteLineAsync($"--{failure.Parameter}: {failure.Message}");
            return ExitCodes.Usage;
        }
        try
        {
            var result = await services.GetRequiredService<IMetricQueryService>().QueryAsync(query!, cancellationToken);
            if (result is null)
            {
                await Console.Error.WriteLineAsync($"Project '{project.Slug}' has no metric named '{query!.Name}'.");
                return ExitCodes.NotFound;
            }
            await MetricsOutput.WriteAsync(result, json, cancellationToken);
            return ExitCodes.Ok;
        }
        catch (ArgumentException error)
        {
            await Console.Error.WriteLineAsync(error.Message);
            return ExitCodes.Usage;
        }
    }
}
