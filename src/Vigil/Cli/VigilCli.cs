using System.CommandLine;
using Vigil.Cli.Alerts;
using Vigil.Cli.Issues;
using Vigil.Cli.Logs;
using Vigil.Cli.Metrics;
using Vigil.Cli.Projects;
using Vigil.Cli.Serve;
using Vigil.Cli.Tokens;

namespace Vigil.Cli;

/// <summary>The `vigil` command tree: one class per verb.</summary>
public static class VigilCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Vigil: errors, logs, statistics and alerts for the people who run the code.");
        root.Subcommands.Add(new ServeCommand());
        root.Subcommands.Add(Group("project", "Manage projects and their DSNs.", new ProjectCreateCommand(), new ProjectListCommand()));
        root.Subcommands.Add(Group("token", "Manage API tokens.", new TokenCreateCommand()));
        root.Subcommands.Add(Group("issues", "Read a project's issues.", new IssuesListCommand()));
        root.Subcommands.Add(Group("logs", "Search and follow log events.", new LogsSearchCommand(), new LogsTailCommand()));
        root.Subcommands.Add(Group("metrics", "List and query statistics.", new MetricsListCommand(), new MetricsQueryCommand()));
        root.Subcommands.Add(new AlertCommand());
        return root;
    }

    public static Task<int> RunAsync(string[] args) => Build().Parse(args).InvokeAsync();

    private static Command Group(string name, string description, params Command[] verbs)
    {
        var group = new Command(name, description);
        foreach (var verb in verbs)
            group.Subcommands.Add(verb);
        return group;
    }
}
