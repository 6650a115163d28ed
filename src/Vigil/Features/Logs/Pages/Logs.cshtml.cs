using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Vigil.Features.Projects.Storage;
using Vigil.Features.Shared.Pages;

namespace Vigil.Features.Logs.Pages;

/// <summary>The log search page. Its whole state (query, range) lives in the URL, so sharing the
/// address shares the search; vigil-logs.js reads that state and calls /api/logs for the data.</summary>
public sealed class LogsModel(ProjectStore projects, IAntiforgery antiforgery) : ProjectPage(projects, antiforgery)
{
    /// <summary>The time range presets the picker offers, as the API's <c>since</c> values.</summary>
    public static readonly IReadOnlyList<(string Since, string Label)> Presets =
        [("15m", "Last 15 minutes"), ("1h", "Last hour"), ("24h", "Last 24 hours"), ("7d", "Last 7 days")];

    [FromQuery(Name = "q")] public string? Query { get; set; }
    [FromQuery(Name = "from")] public string? From { get; set; }
    [FromQuery(Name = "to")] public string? To { get; set; }
    [FromQuery(Name = "since")] public string? Since { get; set; }

    public bool IsCustomRange => !string.IsNullOrEmpty(From) || !string.IsNullOrEmpty(To);

    public async Task<IActionResult> OnGetAsync(string slug) =>
        await LoadProjectAsync(slug, "logs") ? Page() : NotFound();

    public bool IsSelected(string since) => !IsCustomRange && (Since ?? "1h") == since;
}
