using System.CommandLine;

namespace Vigil.Cli.Alerts;

/// <summary>`vigil alert ack ID` and `vigil alert resolve ID [--reason TEXT]`, with an API token (--token or $VIGIL_TOKEN).</summary>
public sealed class AlertActionCommand : Command
{
    private readonly string _action;
    private readonly Argument<long> _id = new("id") { Description = "The alert's id." };
    private readonly Option<string?> _token = new("--token") { Description = "An API token (default: $VIGIL_TOKEN)." };
    private readonly Option<string?> _reason = new("--reason") { Description = "Why (resolve only)." };
    private readonly Option<bool> _json = new("--json") { Description = "Print the alert as JSON." };
    private readonly ServerClient _server = new();

    public AlertActionCommand(string name, string action, string description) : base(name, description)
    {
        _action = action;
        Arguments.Add(_id);
        Options.Add(_token);
        if (action == "resolve")
            Options.Add(_reason);
        Options.Add(_json);
        _server.AddTo(this);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var token = parse.GetValue(_token) ?? Environment.GetEnvironmentVariable("VIGIL_TOKEN");
        if (string.IsNullOrWhiteSpace(token))
        {
            await Console.Error.WriteLineAsync("--token: an API token is needed (vigil token create NAME), or set VIGIL_TOKEN.");
            return ExitCodes.Usage;
        }
        object? body = _action == "resolve" ? new { reason = parse.GetValue(_reason) } : null;
        var (exit, answer) = await _server.PostAsync(parse, $"/api/alerts/{parse.GetValue(_id)}/{_action}", body, token, "Authorization", cancellationToken);
        if (answer is not null)
            Console.WriteLine(parse.GetValue(_json) ? answer.ToJsonString() : $"alert {answer["id"]} {answer["status"]}");
        return exit;
    }
}
