namespace Vigil.Features.Alerts.Channels;

/// <summary>Collects validation problems by field; messages never repeat a (possibly secret) value.</summary>
public sealed class OptionProblems
{
    private readonly Dictionary<string, List<string>> _problems = [];

    public int Count => _problems.Count;

    public void Add(string field, string problem)
    {
        if (!_problems.TryGetValue(field, out var list))
            _problems[field] = list = [];
        list.Add($"{field} {problem}");
    }

    /// <summary>An absolute http(s) URL; other schemes (file:, ftp:) are refused.</summary>
    public void CheckUrl(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            Add(field, "must be an absolute http or https URL.");
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary(string? fallbackField = null, string? fallbackProblem = null)
    {
        if (_problems.Count == 0 && fallbackField is not null)
            Add(fallbackField, fallbackProblem ?? "is invalid.");
        return _problems.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }
}
