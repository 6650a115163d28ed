using System.CommandLine;

namespace Vigil.Cli.Alerts;

/// <summary>`vigil alert "SUMMARY" --severity critical --dedup-key K [--details k=v …] [--resolve] --url URL --key KEY`:
/// raises (or resolves) an alert on a running server, the way cron jobs and deploy scripts do. Subcommands
/// `ack ID` and `resolve ID` act on an alert with an API token.</summary>
public sealed class AlertCommand : Command
{
    private readonly Argument<string?> _summary = new("summary") { Description = "What is happening.", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string> _severity = new("--severity") { Description = "critical, error, warning or info (default error).", DefaultValueFactory = _ => "error" };
    private readonly Option<string> _dedupKey = new("--dedup-key") { Description = "Alerts with the same key are one alert.", Required = true };
    private readonly Option<string[]> _details = new("--details") { Description = "A detail as key=value; repeat for more.", AllowMultipleArgumentsPerToken = true };
    private readonly Option<bool> _resolve = new("--resolve") { Description = "Resolve the open alert with this dedup key instead." };
    private readonly Option<string?> _source = new("--source") { Description = "Who raises it (default: vigil-cli)." };
    private readonly Option<string?> _key = new("--key") { Description = "A project key (default: $VIGIL_KEY)." };
    private readonly Option<bool> _json = new("--json") { Description = "Print the answer as JSON." };
    private readonly ServerClient _server = new();

    public AlertCommand() : base("alert", "Raise or resolve an alert on a running server; ack or resolve one by id.")
    {
        Arguments.Add(_summary);
        Options.Add(_severity);
        Options.Add(_dedupKey);
        Options.Add(_details);
        Options.Add(_resolve);
        Options.Add(_source);
        Options.Add(_key);
        Options.Add(_json);
        _server.AddTo(this);
        Subcommands.Add(new AlertActionCommand("ack", "acknowledge", "Acknowledge an alert: stops escalation and repeats."));
        Subcommands.Add(new AlertActionCommand("resolve", "resolve", "Resolve an alert."));
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, string>();
        foreach (var pair in parse.GetValue(_details) ?? [])
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                await Console.Error.WriteLineAsync($"--details '{pair}': use key=value.");
                return ExitCodes.Usage;
            }
            details[pair[..equals]] = pair[(equals + 1)..];
        }
        var key = parse.GetValue(_key) ?? Environment.GetEnvironmentVariable("VIGIL_KEY");
        if (string.IsNullOrWhiteSpace(key))
        {
            await Console.Error.WriteLineAsync("--key: a project key is needed (or set VIGIL_KEY).");
            return ExitCodes.Usage;
        }
        var resolve = parse.GetValue(_resolve);
        var summary = parse.GetValue(_summary);
        if (!resolve && string.IsNullOrWhiteSpace(summary))
        {
            await Console.Error.WriteLineAsync("summary: say what is happening, e.g. vigil alert \"disk 95% full\" --dedup-key disk:db1.");
            return ExitCodes.Usage;
        }
        var body = new
        {
            dedupKey = parse.GetValue(_dedupKey),
            severity = parse.GetValue(_severity),
            summary,
            details,
            source = parse.GetValue(_source) ?? "vigil-cli",
            action = resolve ? "resolve" : "trigger",
        };
        var (exit, answer) = await _server.PostAsync(parse, "/api/alerts", body, key, "X-Vigil-Key", cancellationToken);
        if (answer is not null)
            Console.WriteLine(parse.GetValue(_json) ? answer.ToJsonString() : $"alert {answer["id"]} {answer["status"]}{(answer["deduplicated"]?.GetValue<bool>() == true ? " (deduplicated)" : "")}");
        return exit;
    }
}
