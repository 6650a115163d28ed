namespace Vigil.Features.Alerts.Channels;

/// <summary>Validated options, or the problems with them keyed by field name.</summary>
public sealed class ChannelOptionsResult
{
    private ChannelOptionsResult(object? options, IReadOnlyDictionary<string, string[]> problems)
    {
        Options = options;
        Problems = problems;
    }

    public object? Options { get; }
    public IReadOnlyDictionary<string, string[]> Problems { get; }
    public bool IsValid => Options is not null && Problems.Count == 0;

    public static ChannelOptionsResult Valid(object options) => new(options, new Dictionary<string, string[]>());

    public static ChannelOptionsResult Invalid(IReadOnlyDictionary<string, string[]> problems) => new(null, problems);
}
