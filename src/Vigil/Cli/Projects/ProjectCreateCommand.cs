using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Vigil.Features.Projects;
using Vigil.Features.Projects.Storage;
using Vigil.Infrastructure.Hosting;

namespace Vigil.Cli.Projects;

/// <summary>`vigil project create NAME [--json]`: a new project and its DSN.</summary>
public sealed class ProjectCreateCommand : StoreCommand
{
    private readonly Argument<string> _name = new("name") { Description = "The project's name." };

    public ProjectCreateCommand() : base("create", "Create a project and print its DSN.")
    {
        Arguments.Add(_name);
    }

    protected override async Task<int> RunAsync(ParseResult parse, IServiceProvider services, bool json, CancellationToken cancellationToken)
    {
        var (project, key) = await services.GetRequiredService<ProjectStore>().CreateAsync(parse.GetValue(_name)!, cancellationToken);
        var dsn = Dsn.Build(services.GetRequiredService<IOptions<VigilOptions>>().Value.ResolvePublicUrl(), key.PublicKey, project.Id);
        if (json)
            Console.WriteLine(JsonSerializer.Serialize(new { id = project.Id, slug = project.Slug, name = project.Name, dsn }));
        else
            Console.WriteLine($"{project.Slug}\t{dsn}");
        return ExitCodes.Ok;
    }
}
