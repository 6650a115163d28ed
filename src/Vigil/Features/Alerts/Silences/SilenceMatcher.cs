using System.Text.RegularExpressions;

namespace Vigil.Features.Alerts.Silences;

/// <summary>One Alertmanager-style matcher: <c>name op value</c> with op <c>=</c>, <c>!=</c>, <c>=~</c> or <c>!~</c>
/// (regular expressions match the whole value). Names are an alert's labels plus <c>severity</c>,
/// <c>rule</c> (the rule's name), <c>rule_id</c>, <c>dedup_key</c> and <c>source</c>.</summary>
public sealed record SilenceMatcher(string Name, string Op, string Value)
{
    public static readonly IReadOnlyList<string> Operators = ["=", "!=", "=~", "!~"];

    /// <summary>Reads <c>name=value</c>, <c>name!=value</c>, <c>name=~regex</c> or <c>name!~regex</c>; null when it is none of them.</summary>
    public static SilenceMatcher? Parse(string text)
    {
        var match = Regex.Match(text, "^\\s*([^=!~\\s]+)\\s*(=~|!~|!=|=)\\s*\"?(.*?)\"?\\s*$");
        return match.Success ? new SilenceMatcher(match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value) : null;
    }

    public string? Validate(int index)
    {
        if (string.IsNullOrWhiteSpace(Name))
            return $"matchers[{index}].name: a matcher needs a label name.";
        if (!Operators.Contains(Op))
            return $"matchers[{index}].op: use =, !=, =~ or !~.";
        if (Op.EndsWith('~'))
        {
            try
            {
                _ = new Regex(Value, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException failure)
            {
                return $"matchers[{index}].value: not a regular expression ({failure.Message}).";
            }
        }
        return null;
    }

    public bool Matches(IReadOnlyDictionary<string, string> subject)
    {
        var value = subject.TryGetValue(Name, out var found) ? found : "";
        return Op switch
        {
            "=" => value == Value,
            "!=" => value != Value,
            "=~" => FullMatch(value),
            "!~" => !FullMatch(value),
            _ => false,
        };
    }

    private bool FullMatch(string value)
    {
        try
        {
            return Regex.IsMatch(value, $"^(?:{Value})$", RegexOptions.None, TimeSpan.FromMilliseconds(100));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
