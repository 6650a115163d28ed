using System.CommandLine;
using System.Text.Json;
using Vigil.Features.Accounts.Storage;

namespace Vigil.Cli.Tokens;

/// <summary>`vigil token create NAME [--json]`: an API token, shown once.</summary>
public sealed class TokenCreateCommand : StoreCommand
{
    private readonly Argument<string> _name = new("name") { Description = "What the token is for." };

    public TokenCreateCommand() : base("create", "Create an API token for Authorization: Bearer.")
    {
        Arguments.Add(_name);
    }

    protected override async Task<int> RunAsync(ParseResult parse, IServiceProvider services, bool json, CancellationToken cancellationToken)
    {
        var (token, secret) = await services.GetRequiredService<TokenStore>().CreateAsync(parse.GetValue(_name)!, cancellationToken);
        Console.WriteLine(json
            ? JsonSerializer.Serialize(new { id = token.Id, name = token.Name, token = secret })
            : secret);
        return ExitCodes.Ok;
    }
}
