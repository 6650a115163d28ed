using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Vigil.Features.Projects.Storage;
using Vigil.Features.Shared.Pages;

namespace Vigil.Features.Metrics.Pages;

/// <summary>The metrics explorer. Its state (metric, aggregation, filters, grouping, range, compare)
/// lives in the URL so the address is a shareable chart; vigil-charts.js draws from /api/metrics.</summary>
public sealed class ExplorerModel(ProjectStore projects, IAntiforgery antiforgery) : ProjectPage(projects, antiforgery)
{
    public async Task<IActionResult> OnGetAsync(string slug) =>
        await LoadProjectAsync(slug, "metrics") ? Page() : NotFound();
}
