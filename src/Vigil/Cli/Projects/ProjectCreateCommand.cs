using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Vigil.Features.Projects;
using Vigil.Features.Projects.Storage;
using Vigil.Infrastructure.Hosting;

namespace Vigil.Cli.Projects;

/// <summary>`vigil project create NAME [--json]`: a new project and its DSN.</summary>
public sealed class ProjectCreateCommand : Command
{
    private readonly StoreOptions _store = new();
    private readonly Argument<string> _name = new("name") { Description = "The project's name." };
    private readonly Option<bool> _json = new("--json") { Description = "Print JSON." };

    public ProjectCreateCommand() : base("create", "Create a project and print its DSN.")
    {
        Arguments.Add(_name);
        Options.Add(_json);
        _store.AddTo(this);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var services = await _store.OpenAsync(parse, cancellationToken);
        var (project, key) = await services.GetRequiredService<ProjectStore>().CreateAsync(parse.GetValue(_name)!, cancellationToken);
        var dsn = Dsn.Build(services.GetRequiredService<IOptions<VigilOptions>>().Value.ResolvePublicUrl(), key.PublicKey, project.Id);
        if (parse.GetValue(_json))
            Console.WriteLine(JsonSerializer.Serialize(new { id = project.Id, slug = project.Slug, name = project.Name, dsn }));
        else
            Console.WriteLine($"{project.Slug}\t{dsn}");
        return ExitCodes.Ok;
    }
}
