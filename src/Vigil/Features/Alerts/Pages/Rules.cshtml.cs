using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Vigil.Features.Alerts.Rules;
using Vigil.Features.Projects.Storage;
using Vigil.Features.Shared.Pages;

namespace Vigil.Features.Alerts.Pages;

/// <summary>A project's rules with their last status, and one form to add or edit a rule of any kind
/// (parameters as JSON, with an example per kind).</summary>
public sealed class RulesModel(ProjectStore projects, RuleStore rules, RuleKinds kinds, IAntiforgery antiforgery) : ProjectPage(projects, antiforgery)
{
    public static readonly IReadOnlyDictionary<string, string> Examples = new Dictionary<string, string>
    {
        ["issue_created"] = """{"environment": "production"}""",
        ["issue_regressed"] = "{}",
        ["issue_frequency"] = """{"count": 100, "minutes": 10}""",
        ["log_count"] = """{"query": "status = 404", "comparison": ">=", "threshold": 5000, "minutes": 2}""",
        ["metric_threshold"] = """{"metric": "checkout.latency", "aggregation": "p99", "comparison": ">", "threshold": 800, "windowMinutes": 5, "forMinutes": 10}""",
        ["metric_anomaly"] = """{"metric": "purchases", "aggregation": "sum", "windowMinutes": 60, "baseline": "week", "direction": "drop", "percent": 50, "minBaseline": 20}""",
        ["metric_nodata"] = """{"metric": "billing.job.runs", "minutes": 90}""",
    };

    [FromQuery(Name = "edit")] public long? Edit { get; set; }
    [BindProperty] public long? RuleId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Severity { get; set; } = "error";
    [BindProperty] public string? Parameters { get; set; }
    [BindProperty] public string? Labels { get; set; }
    [BindProperty] public bool Enabled { get; set; } = true;

    public IReadOnlyList<AlertRule> Rules { get; private set; } = [];
    public IReadOnlyCollection<RuleKind> Kinds => kinds.All;
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (!await LoadAsync(slug))
            return NotFound();
        if (Edit is { } id && Rules.FirstOrDefault(r => r.Id == id) is { } rule)
        {
            RuleId = rule.Id;
            Name = rule.Name;
            Kind = rule.Kind;
            Severity = Severities.Name(rule.Severity);
            Parameters = rule.Parameters.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
            Labels = string.Join('\n', rule.Labels.Select(l => $"{l.Key}={l.Value}"));
            Enabled = rule.Enabled;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string slug)
    {
        if (!await LoadAsync(slug))
            return NotFound();
        JsonObject? parameters;
        try
        {
            parameters = string.IsNullOrWhiteSpace(Parameters) ? [] : JsonNode.Parse(Parameters) as JsonObject;
        }
        catch (System.Text.Json.JsonException failure)
        {
            Error = $"parameters: not JSON ({failure.Message}).";
            return Page();
        }
        if (parameters is null)
        {
            Error = "parameters: a JSON object, e.g. " + (Examples.GetValueOrDefault(Kind ?? "") ?? "{}");
            return Page();
        }
        var labels = new Dictionary<string, string>();
        foreach (var line in (Labels ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = line.IndexOf('=');
            if (equals <= 0)
            {
                Error = $"labels: '{line}' is not name=value.";
                return Page();
            }
            labels[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }
        var definition = new RuleDefinition(Name, Kind, Severity, parameters, labels, Enabled);
        if (definition.Validate(kinds) is { } error)
        {
            Error = error;
            return Page();
        }
        if (RuleId is { } id && Rules.All(r => r.Id != id))
            return NotFound();
        if (RuleId is { } ruleId)
            await rules.UpdateAsync(ruleId, definition, HttpContext.RequestAborted);
        else
            await rules.CreateAsync(Project.Id, definition, HttpContext.RequestAborted);
        return Redirect($"/projects/{slug}/alerts/rules");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string slug, long ruleId)
    {
        if (!await LoadAsync(slug) || Rules.All(r => r.Id != ruleId))
            return NotFound();
        await rules.DeleteAsync(ruleId, HttpContext.RequestAborted);
        return Redirect($"/projects/{slug}/alerts/rules");
    }

    private async Task<bool> LoadAsync(string slug)
    {
        if (!await LoadProjectAsync(slug, "alerts"))
            return false;
        Rules = await rules.ListAsync(Project.Id, HttpContext.RequestAborted);
        return true;
    }
}
