using System.CommandLine;
using System.Text.Json;
using Vigil.Features.Accounts.Storage;

namespace Vigil.Cli.Tokens;

/// <summary>`vigil token create NAME [--json]`: an API token, shown once.</summary>
public sealed class TokenCreateCommand : Command
{
    private readonly StoreOptions _store = new();
    private readonly Argument<string> _name = new("name") { Description = "What the token is for." };
    private readonly Option<bool> _json = new("--json") { Description = "Print JSON." };

    public TokenCreateCommand() : base("create", "Create an API token for Authorization: Bearer.")
    {
        Arguments.Add(_name);
        Options.Add(_json);
        _store.AddTo(this);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var services = await _store.OpenAsync(parse, cancellationToken);
        var (token, secret) = await services.GetRequiredService<TokenStore>().CreateAsync(parse.GetValue(_name)!, cancellationToken);
        Console.WriteLine(parse.GetValue(_json)
            ? JsonSerializer.Serialize(new { id = token.Id, name = token.Name, token = secret })
            : secret);
        return ExitCodes.Ok;
    }
}
