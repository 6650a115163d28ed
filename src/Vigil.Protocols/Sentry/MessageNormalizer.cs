using System.Text;
using System.Text.RegularExpressions;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// Reduces a message to its template for grouping: the first two non-empty lines with the parts
/// that vary between occurrences of one bug (ids, numbers, addresses, times, quoted values)
/// replaced by placeholders, so "User 123 not found" and "User 456 not found" become one issue.
/// </summary>
public static partial class MessageNormalizer
{
    private const int MaxLines = 2;

    public static string Normalize(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Variable().Replace(FirstLines(message), static m => Placeholder(m));
    }

    private static string FirstLines(string message)
    {
        var builder = new StringBuilder(Math.Min(message.Length, 512));
        var lines = 0;
        foreach (var range in message.AsSpan().Split('\n'))
        {
            var line = message.AsSpan()[range].Trim();
            if (line.IsEmpty)
            {
                continue;
            }
            if (lines++ > 0)
            {
                builder.Append('\n');
            }
            builder.Append(line);
            if (lines == MaxLines)
            {
                break;
            }
        }
        return builder.ToString();
    }

    private static string Placeholder(Match m)
    {
        foreach (var name in GroupNames)
        {
            if (m.Groups[name].Success)
            {
                return $"<{name}>";
            }
        }
        return m.Value;
    }

    // Order matters: the first alternative that matches at a position wins, so the specific shapes
    // (a UUID, an IP, a date) come before the general ones (a hash, a number) they contain.
    private static readonly string[] GroupNames =
        ["email", "url", "uuid", "date", "ip", "host", "duration", "hex", "float", "int", "hash", "quoted", "bool"];

    [GeneratedRegex("""
        (?<email>\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b)
        | (?<url>\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s'"<>]+)
        | (?<uuid>\b[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\b)
        | (?<date>\b\d{4}-\d{2}-\d{2}(?:[T\x20]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b
            | \b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b)
        | (?<ip>\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b
            | (?<![\w:])(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}(?![\w:])
            | (?<![\w:])(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4}){0,6})?::(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4}){0,6})?(?![\w:]))
        | (?<host>\b(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?\.)+(?:com|net|org|io|dev|app|cloud|local|internal|lan|edu|gov|co|uk|de|fr|nl|eu|us)\b)
        | (?<duration>\b\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h|d)\b
            | \b\d+(?:\.\d+)?\x20(?:milliseconds?|seconds?|secs?|minutes?|mins?|hours?|days?)\b)
        | (?<hex>\b0[xX][0-9a-fA-F]+\b)
        | (?<float>(?<![\w.])-?\d+\.\d+(?:[eE][+-]?\d+)?\b)
        | (?<int>(?<![\w.])-?\d+\b(?!\.\d))
        | (?<hash>\b(?=[0-9a-fA-F]*\d)[0-9a-fA-F]{8,}\b)
        | (?<quoted>(?<!\w)'[^'\n]*'(?!\w) | "[^"\n]*")
        | (?<bool>\b(?:true|false|True|False|TRUE|FALSE)\b)
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    private static partial Regex Variable();
}
