using System.CommandLine;
using Vigil.Features.Logs.Query;
using Vigil.Features.Logs.Storage;

namespace Vigil.Cli.Logs;

/// <summary>`vigil logs search QUERY [--since 1h] [--project SLUG] [--limit N] [--json]`: newest first, or an aggregate table.</summary>
public sealed class LogsSearchCommand : StoreCommand
{
    private readonly Argument<string?> _query = new("query") { Description = "The query (docs/QUERY.md); empty for everything.", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string> _since = new("--since") { Description = "How far back: 15m, 24h, 7d (default 1h).", DefaultValueFactory = _ => "1h" };
    private readonly ProjectOption _project = new(required: false);
    private readonly Option<int> _limit = new("--limit") { Description = "At most this many events (default 100).", DefaultValueFactory = _ => 100 };

    public LogsSearchCommand() : base("search", "Search log events.", "One JSON object per line.")
    {
        Arguments.Add(_query);
        Options.Add(_since);
        _project.AddTo(this);
        Options.Add(_limit);
    }

    protected override async Task<int> RunAsync(ParseResult parse, IServiceProvider services, bool json, CancellationToken cancellationToken)
    {
        var project = await _project.FindAsync(parse, services, cancellationToken);
        if (project is null)
            return ExitCodes.NotFound;
        var text = parse.GetValue(_query);
        var (request, error, position) = LogRequest.Parse(text, null, null, parse.GetValue(_since), DateTimeOffset.UtcNow);
        if (request is null)
        {
            await Console.Error.WriteLineAsync(position >= 0 ? $"{text}\n{new string(' ', (int)position)}^ {error}" : error);
            return ExitCodes.Usage;
        }
        var logs = services.GetRequiredService<LogStore>();
        try
        {
            if (request.Query.Aggregation is { } aggregation)
            {
                LogsOutput.Write(await logs.AggregateAsync(project.Id, aggregation, request.Query.Filter, request.Range, cancellationToken), json);
                return ExitCodes.Ok;
            }
            var page = await logs.SearchAsync(project.Id, request.Query, request.Range, parse.GetValue(_limit), null, cancellationToken);
            foreach (var log in page.Events)
                LogsOutput.Write(log, json);
            return ExitCodes.Ok;
        }
        catch (LogQueryException failure)
        {
            await Console.Error.WriteLineAsync(failure.Message);
            return ExitCodes.Usage;
        }
    }
}
