using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Vigil.Features.Projects.Storage;
using Vigil.Infrastructure.Hosting;

namespace Vigil.Features.Projects.Pages;

/// <summary>Keys (DSNs), ingest settings and SDK set-up snippets for one project.</summary>
public sealed class SettingsModel(ProjectStore projects, ProjectKeyCache keyCache, IOptions<VigilOptions> options) : PageModel
{
    public Project Project { get; private set; } = null!;
    public IReadOnlyList<(ProjectKey Key, string Dsn)> Keys { get; private set; } = [];
    public string? Notice { get; private set; }

    /// <summary>The DSN the snippets use: the first key that still works.</summary>
    public string? Dsn => Keys.FirstOrDefault(k => !k.Key.IsRevoked).Dsn;

    public async Task<IActionResult> OnGetAsync(string slug, string? saved)
    {
        if (!await LoadAsync(slug))
            return NotFound();
        Notice = saved switch
        {
            "settings" => "Settings saved.",
            "key" => "New key created.",
            "revoked" => "Key revoked: senders using it now get 403.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(string slug, bool scrubPii, string? extraFields, string? safeFields, int? rateLimit)
    {
        if (!await LoadAsync(slug))
            return NotFound();
        await projects.UpdateSettingsAsync(Project.Id, new ProjectSettings(
            rateLimit is > 0 ? rateLimit : null, scrubPii, SplitFields(extraFields), SplitFields(safeFields)), HttpContext.RequestAborted);
        // Ingest caches the project with its settings for a few seconds; drop it so the change applies now.
        keyCache.ForgetAll();
        return Redirect($"/projects/{slug}/settings?saved=settings");
    }

    public async Task<IActionResult> OnPostNewKeyAsync(string slug, string? label)
    {
        if (!await LoadAsync(slug))
            return NotFound();
        await projects.CreateKeyAsync(Project.Id, string.IsNullOrWhiteSpace(label) ? "Key" : label.Trim(), HttpContext.RequestAborted);
        return Redirect($"/projects/{slug}/settings?saved=key");
    }

    public async Task<IActionResult> OnPostRevokeAsync(string slug, long keyId)
    {
        if (!await LoadAsync(slug))
            return NotFound();
        await projects.RevokeKeyAsync(Project.Id, keyId, HttpContext.RequestAborted);
        keyCache.ForgetAll();
        return Redirect($"/projects/{slug}/settings?saved=revoked");
    }

    private async Task<bool> LoadAsync(string slug)
    {
        var project = await projects.FindAsync(slug, HttpContext.RequestAborted);
        if (project is null)
            return false;
        Project = project;
        ViewData["Project"] = project;
        ViewData["Section"] = "settings";
        var baseUrl = PublicUrl.For(Request, options.Value);
        Keys = (await projects.KeysAsync(project.Id, HttpContext.RequestAborted))
            .Select(k => (k, Projects.Dsn.Build(baseUrl, k.PublicKey, project.Id))).ToList();
        return true;
    }

    private static string[] SplitFields(string? text) =>
        (text ?? "").Split([',', '\n', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
