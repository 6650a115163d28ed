using System.CommandLine;
using Vigil.Features.Logs.Query;
using Vigil.Features.Logs.Storage;
using Vigil.Protocols.LogQuery;

namespace Vigil.Cli.Logs;

/// <summary>`vigil logs tail [QUERY] [--project SLUG] [--json]`: prints matching events as they arrive, until Ctrl+C.</summary>
public sealed class LogsTailCommand : StoreCommand
{
    private readonly Argument<string?> _query = new("query") { Description = "A filter (docs/QUERY.md); empty for everything.", Arity = ArgumentArity.ZeroOrOne };
    private readonly ProjectOption _project = new(required: false);

    public LogsTailCommand() : base("tail", "Follow log events as they arrive.", "One JSON object per line.")
    {
        Arguments.Add(_query);
        _project.AddTo(this);
    }

    protected override async Task<int> RunAsync(ParseResult parse, IServiceProvider services, bool json, CancellationToken cancellationToken)
    {
        var project = await _project.FindAsync(parse, services, cancellationToken);
        if (project is null)
            return ExitCodes.NotFound;
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
                    LogsOutput.Write(log, json);
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
