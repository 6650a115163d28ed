using Vigil.Protocols.Metrics;

namespace Vigil.Features.Metrics.Otlp;

/// <summary>
/// A data point's tags: its own attributes, plus a few resource attributes under short names —
/// <c>service.name</c> as <c>service</c>, <c>deployment.environment.name</c> (or the older
/// <c>deployment.environment</c>) as <c>env</c>, <c>host.name</c> as <c>host</c>. Other resource
/// attributes (process ids, SDK versions, telemetry.sdk.*) are left out: they would multiply
/// series for no question anyone asks of a chart. A point attribute of the same name wins.
/// </summary>
public static class SeriesTags
{
    private static readonly (string Attribute, string Tag)[] FromResource =
    [
        ("service.name", "service"),
        ("deployment.environment.name", "env"),
        ("deployment.environment", "env"),
        ("host.name", "host"),
    ];

    public static List<KeyValuePair<string, string>> For(OtlpMetricResource resource, IReadOnlyList<KeyValuePair<string, string>> attributes)
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (attribute, tag) in FromResource)
        {
            if (!tags.ContainsKey(tag) && resource.Attributes.TryGetValue(attribute, out var value) && value.Length > 0)
                tags[tag] = value;
        }
        foreach (var (key, value) in attributes)
            tags[key] = value;
        return [.. tags];
    }

    /// <summary>The series identity as one string: name and sorted tags, with separators no tag text can fake.</summary>
    public static string Key(string name, IEnumerable<KeyValuePair<string, string>> sortedTags) =>
        string.Join('\u001f', sortedTags.Select(t => t.Key + '\u001e' + t.Value).Prepend(name));
}
