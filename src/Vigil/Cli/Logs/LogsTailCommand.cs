using System.CommandLine;
using Vigil.Features.Logs.Query;
using Vigil.Features.Logs.Storage;
using Vigil.Features.Projects.Storage;
using Vigil.Protocols.LogQuery;

namespace Vigil.Cli.Logs;

/// <summary>`vigil logs tail [QUERY] [--project SLUG] [--json]`: prints matching events as they arrive, until Ctrl+C.</summary>
public sealed class LogsTailCommand : Command
{
    private readonly StoreOptions _store = new();
    private readonly Argument<string?> _query = new("query") { Description = "A filter (docs/QUERY.md); empty for everything.", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string> _project = new("--project") { Description = "The project's slug (default: default).", DefaultValueFactory = _ => "default" };
    private readonly Option<bool> _json = new("--json") { Description = "One JSON object per line." };

    public LogsTailCommand() : base("tail", "Follow log events as they arrive.")
    {
        Arguments.Add(_query);
        Options.Add(_project);
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
        var parsed = QueryParser.Parse(parse.GetValue(_query));
        if (!parsed.IsSuccess)
        {
            await Console.Error.WriteLineAsync(parsed.Error!.ToString());
            return ExitCodes.Usage;
        }
        var logs = services.GetRequiredService<LogStore>();
        var lastId = await logs.LatestIdAsync(project.Id, cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var events = await logs.AfterAsync(project.Id, parsed.Query!.Filter, lastId, 500, cancellationToken);
                foreach (var log in events)
                {
                    LogsOutput.Write(log, parse.GetValue(_json));
                    lastId = log.Id;
                }
                if (events.Count < 500)
                    await Task.Delay(500, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (LogQueryException failure)
        {
            await Console.Error.WriteLineAsync(failure.Message);
            return ExitCodes.Usage;
        }
        return ExitCodes.Ok;
    }
}
