using System.CommandLine;
using Vigil.Infrastructure.Hosting;

namespace Vigil.Cli.Serve;

/// <summary>`vigil serve`: run the server until Ctrl+C or SIGTERM.</summary>
public sealed class ServeCommand : Command
{
    private readonly StoreOptions _store = new();
    private readonly Option<string?> _urls = new("--urls") { Description = "Addresses to listen on (default http://127.0.0.1:5080)." };

    public ServeCommand() : base("serve", "Run the Vigil server.")
    {
        Options.Add(_urls);
        _store.AddTo(this);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var flags = _store.Flags(parse);
        if (parse.GetValue(_urls) is { Length: > 0 } urls)
            flags["Urls"] = urls;
        await using var app = VigilServer.Build(flags);
        return await VigilServer.RunAsync(app, Console.Out, cancellationToken);
    }
}
