using System.CommandLine;
using Vigil.Infrastructure.Hosting;
using Vigil.Infrastructure.Storage;

namespace Vigil.Cli;

/// <summary>The flags every verb that opens the store shares: --data, --storage, --connection, --public-url.</summary>
public sealed class StoreOptions
{
    public Option<string?> Data { get; } = new("--data") { Description = "Data folder for the embedded SQLite store (default ./vigil-data)." };
    public Option<string?> Storage { get; } = new("--storage") { Description = "sqlite (default) or postgres." };
    public Option<string?> Connection { get; } = new("--connection") { Description = "Connection string (PostgreSQL, or a SQLite file path)." };
    public Option<string?> PublicUrl { get; } = new("--public-url") { Description = "Base URL that DSNs and links use (default: the serve URL)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Storage);
        command.Options.Add(Connection);
        command.Options.Add(PublicUrl);
    }

    public Dictionary<string, string?> Flags(ParseResult parse)
    {
        var flags = new Dictionary<string, string?>();
        Set(flags, "Data", parse.GetValue(Data));
        Set(flags, "Storage", parse.GetValue(Storage));
        Set(flags, "Connection", parse.GetValue(Connection));
        Set(flags, "PublicUrl", parse.GetValue(PublicUrl));
        return flags;
    }

    /// <summary>A service provider over the store, migrated, for verbs that work on the data directly.</summary>
    public async Task<ServiceProvider> OpenAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var configuration = CoreServices.BuildConfiguration(Flags(parse));
        var services = new ServiceCollection().AddLogging().AddVigilCore(configuration);
        foreach (var module in Modules.All)
            module.AddServices(services, configuration.Get<VigilOptions>() ?? new VigilOptions());
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<MigrationRunner>().ApplyAsync(cancellationToken);
        return provider;
    }

    private static void Set(Dictionary<string, string?> flags, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
            flags[key] = value;
    }
}
