using System.CommandLine;
using System.Text.Json;
using Vigil.Features.Errors.Issues;
using Vigil.Features.Errors.Storage;

namespace Vigil.Cli.Issues;

/// <summary>`vigil issues list --project SLUG [--status S] [--query Q] [--json]`.</summary>
public sealed class IssuesListCommand : StoreCommand
{
    private readonly ProjectOption _project = new(required: true);
    private readonly Option<string?> _status = new("--status") { Description = "unresolved, resolved, resolved_next_release, ignored or all (default all)." };
    private readonly Option<string?> _query = new("--query") { Description = "Search: free text plus is:, level:, release:, environment:." };
    private readonly Option<int> _limit = new("--limit") { Description = "At most this many issues (default 100).", DefaultValueFactory = _ => 100 };

    public IssuesListCommand() : base("list", "List a project's issues, most recently seen first.")
    {
        _project.AddTo(this);
        Options.Add(_status);
        Options.Add(_query);
        Options.Add(_limit);
    }

    protected override async Task<int> RunAsync(ParseResult parse, IServiceProvider services, bool json, CancellationToken cancellationToken)
    {
        var project = await _project.FindAsync(parse, services, cancellationToken);
        if (project is null)
            return ExitCodes.NotFound;
        var slug = project.Slug;
        var status = parse.GetValue(_status);
        var query = new IssueQuery(status is null or "all" ? null : status, Limit: parse.GetValue(_limit)).WithSearch(parse.GetValue(_query));
        var (issues, _) = await services.GetRequiredService<IssueStore>().ListAsync(project.Id, query, cancellationToken);
        var views = issues.Select(i => IssueView.From(i, slug)).ToList();
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(views, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            return ExitCodes.Ok;
        }
        foreach (var issue in views)
            Console.WriteLine($"{issue.Id,6}  {issue.Status,-12} {issue.Level,-7} {issue.Count,7} events {issue.UserCount,5} users  {issue.Title}");
        return ExitCodes.Ok;
    }
}
