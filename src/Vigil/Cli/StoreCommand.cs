using System.CommandLine;

namespace Vigil.Cli;

/// <summary>A verb that works on the store directly: it takes the store flags and --json, opens and
/// migrates the store, and hands the verb its services.</summary>
public abstract class StoreCommand : Command
{
    private readonly StoreOptions _store = new();
    private readonly Option<bool> _json;

    protected StoreCommand(string name, string description, string jsonDescription = "Print JSON.") : base(name, description)
    {
        _json = new Option<bool>("--json") { Description = jsonDescription };
        Options.Add(_json);
        _store.AddTo(this);
        SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await _store.OpenAsync(parse, cancellationToken);
            return await RunAsync(parse, services, parse.GetValue(_json), cancellationToken);
        });
    }

    protected abstract Task<int> RunAsync(ParseResult parse, IServiceProvider services, bool json, CancellationToken cancellationToken);
}
