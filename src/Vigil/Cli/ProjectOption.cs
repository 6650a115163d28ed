using System.CommandLine;
using Vigil.Features.Projects;
using Vigil.Features.Projects.Storage;

namespace Vigil.Cli;

/// <summary>The --project SLUG option of verbs that read one project's data, and its lookup.</summary>
public sealed class ProjectOption
{
    private readonly Option<string> _option;

    public ProjectOption(bool required)
    {
        _option = required
            ? new Option<string>("--project") { Description = "The project's slug.", Required = true }
            : new Option<string>("--project") { Description = "The project's slug (default: default).", DefaultValueFactory = _ => "default" };
    }

    public void AddTo(Command command) => command.Options.Add(_option);

    /// <summary>The project, or null after telling stderr that it does not exist.</summary>
    public async Task<Project?> FindAsync(ParseResult parse, IServiceProvider services, CancellationToken cancellationToken)
    {
        var slug = parse.GetValue(_option)!;
        var project = await services.GetRequiredService<ProjectStore>().FindAsync(slug, cancellationToken);
        if (project is null)
            await Console.Error.WriteLineAsync($"No project with slug '{slug}'.");
        return project;
    }
}
