namespace Vigil.Features.Alerts.Rules;

/// <summary>The comparisons threshold rules take: <c>&gt;=</c> (default), <c>&gt;</c>, <c>&lt;=</c>, <c>&lt;</c>, <c>==</c>, <c>!=</c>.</summary>
public static class Comparison
{
    public static readonly IReadOnlyList<string> All = [">=", ">", "<=", "<", "==", "!="];

    public static bool Holds(string op, double value, double threshold) => op switch
    {
        ">" => value > threshold,
        "<=" => value <= threshold,
        "<" => value < threshold,
        "==" => value == threshold,
        "!=" => value != threshold,
        _ => value >= threshold,
    };

    /// <summary>How a cleared condition reads: "12 events … below 5000".</summary>
    public static string Negation(string op) => op switch
    {
        ">" => "not above",
        ">=" or null => "below",
        "<" => "not below",
        "<=" => "above",
        "==" => "not equal to",
        _ => "equal to",
    };
}
