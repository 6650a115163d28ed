using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Vigil.Features.Projects;
using Vigil.Features.Projects.Storage;
using Vigil.Infrastructure.Hosting;

namespace Vigil.Cli.Projects;

/// <summary>`vigil project list [--json]`.</summary>
public sealed class ProjectListCommand : StoreCommand
{

    public ProjectListCommand() : base("list", "List projects and their DSNs.")
    {
    }

    protected override async Task<int> RunAsync(ParseResult parse, IServiceProvider services, bool json, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<ProjectStore>();
        var publicUrl = services.GetRequiredService<IOptions<VigilOptions>>().Value.ResolvePublicUrl();
        var rows = new List<object>();
        foreach (var project in await store.ListAsync(cancellationToken))
        {
            var key = (await store.KeysAsync(project.Id, cancellationToken)).FirstOrDefault(k => !k.IsRevoked);
            var dsn = key is null ? "" : Dsn.Build(publicUrl, key.PublicKey, project.Id);
            rows.Add(new { id = project.Id, slug = project.Slug, name = project.Name, dsn });
            if (!json)
                Console.WriteLine($"{project.Slug}\t{project.Name}\t{dsn}");
        }
        if (json)
            Console.WriteLine(JsonSerializer.Serialize(rows));
        return ExitCodes.Ok;
    }
}
