using System.CommandLine;
using Vigil.Features.Logs.Query;
using Vigil.Features.Logs.Storage;
using Vigil.Features.Projects.Storage;

namespace Vigil.Cli.Logs;

/// <summary>`vigil logs search QUERY [--since 1h] [--project SLUG] [--limit N] [--json]`: newest first, or an aggregate table.</summary>
public sealed class LogsSearchCommand : Command
{
    private readonly StoreOptions _store = new();
    private readonly Argument<string?> _query = new("query") { Description = "The query (docs/QUERY.md); empty for everything.", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string> _since = new("--since") { Description = "How far back: 15m, 24h, 7d (default 1h).", DefaultValueFactory = _ => "1h" };
    private readonly Option<string> _project = new("--project") { Description = "The project's slug (default: default).", DefaultValueFactory = _ => "default" };
    private readonly Option<int> _limit = new("--limit") { Description = "At most this many events (default 100).", DefaultValueFactory = _ => 100 };
    private readonly Option<bool> _json = new("--json") { Description = "One JSON object per line." };

    public LogsSearchCommand() : base("search", "Search log events.")
    {
        Arguments.Add(_query);
        Options.Add(_since);
        Options.Add(_project);
        Options.Add(_limit);
        Options.Add(_json);
        _store.AddTo(this);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var services = await _store.OpenAsync(parse, cancellationToken);
        var project = await services.GetRequiredService<ProjectStore>().FindAsync(parse.GetValue(_project)!, cancellationToken);
        if (project is null)
        {
            await Console.Error.WriteLineAsync($"No project with slug '{parse.GetValue(_project)}'.");
            return ExitCodes.NotFound;
        }
        var text = parse.GetValue(_query);
        var (request, error, position) = LogRequest.Parse(text, null, null, parse.GetValue(_since), DateTimeOffset.UtcNow);
        if (request is null)
        {
            await Console.Error.WriteLineAsync(position >= 0 ? $"{text}\n{new string(' ', (int)position)}^ {error}" : error);
            return ExitCodes.Usage;
        }
        var logs = services.GetRequiredService<LogStore>();
        var json = parse.GetValue(_json);
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
