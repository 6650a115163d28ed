using System.Text.RegularExpressions;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// Removes the parts of function names that compilers and runtimes number arbitrarily, so that a
/// rebuild which renumbers lambdas does not split an issue: C# <c>&lt;Main&gt;b__0_1</c>, Java
/// <c>lambda$main$0</c> and <c>$$Lambda$14/0x…</c>, generic arity <c>`1</c>, memory addresses,
/// Ruby <c>block (2 levels) in</c>.
/// </summary>
internal static partial class FunctionNames
{
    private static readonly System.Buffers.SearchValues<char> Suspicious =
        System.Buffers.SearchValues.Create("<$`_0(");

    /// <summary>The stable part of a function name; empty when the name carries no information.</summary>
    public static string Normalize(string? function)
    {
        if (string.IsNullOrWhiteSpace(function))
        {
            return "";
        }
        var name = function.Trim();
        // JavaScript SDKs write "?" or "<anonymous>" when the engine knows no name.
        if (name is "?" or "<anonymous>" or "anonymous")
        {
            return "";
        }
        if (name.EndsWith(".<anonymous>", StringComparison.Ordinal))
        {
            name = name[..^".<anonymous>".Length];
        }
        // Most names are plain identifiers; skip the regex unless a marker character is present.
        if (name.AsSpan().IndexOfAny(Suspicious) < 0)
        {
            return name;
        }
        return Numbering().Replace(name, static m =>
            m.Groups["keep"].Success ? m.Groups["keep"].Value : "");
    }

    [GeneratedRegex("""
        (?<keep>__(?:DisplayClass)?|\|)\d+(?:_\d+)*
        | (?<keep>lambda\$)(?:[\w]+\$)?\d+
        | (?<keep>\$\$Lambda)[$\d/x0-9a-fA-F.]*
        | `\d+
        | \+?0x[0-9a-fA-F]+
        | (?<keep>block)\x20\(\d+\x20levels?\)
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    private static partial Regex Numbering();
}
