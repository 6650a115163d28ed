namespace Vigil.Protocols.Metrics;

/// <summary>Where a metric came from: its resource's attributes (service.name, host.name …),
/// flattened to text, and its instrumentation scope.</summary>
public sealed record OtlpMetricResource(
    IReadOnlyDictionary<string, string> Attributes,
    string? ScopeName,
    string? ScopeVersion);
