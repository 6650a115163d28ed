using System.Text;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// What one stack frame contributes to the grouping hash: the parts that identify the code
/// (module or file, and function) but not the parts that change with every build (line numbers,
/// absolute paths, content hashes in bundle names).
/// </summary>
internal static class FrameComponent
{
    /// <summary>The frame's component, or null when the frame identifies nothing.</summary>
    public static string? Of(FrameInput frame, bool javaScriptPlatform)
    {
        var function = FunctionNames.Normalize(frame.Function);
        var module = frame.Module;
        string? where;
        if (!string.IsNullOrEmpty(module))
        {
            where = module;
        }
        else
        {
            var file = frame.Filename ?? frame.AbsPath;
            where = file is null ? null : IsJavaScript(file, javaScriptPlatform) ? ScriptBaseName(file) : BaseName(file);
        }
        string? what = function;
        if (what.Length == 0)
        {
            what = frame.ContextLine?.Trim();
            if (string.IsNullOrEmpty(what))
            {
                // A line number is the last resort: it changes whenever code above it moves.
                what = frame.LineNumber;
            }
        }
        if (string.IsNullOrEmpty(where) && string.IsNullOrEmpty(what))
        {
            return null;
        }
        return $"{where}|{what}";
    }

    private static bool IsJavaScript(string file, bool javaScriptPlatform) =>
        javaScriptPlatform
        || file.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || file.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || file.EndsWith(".js", StringComparison.OrdinalIgnoreCase)
        || file.EndsWith(".mjs", StringComparison.OrdinalIgnoreCase)
        || file.EndsWith(".cjs", StringComparison.OrdinalIgnoreCase)
        || file.EndsWith(".jsx", StringComparison.OrdinalIgnoreCase)
        || file.EndsWith(".ts", StringComparison.OrdinalIgnoreCase)
        || file.EndsWith(".tsx", StringComparison.OrdinalIgnoreCase);

    public static string BaseName(string path)
    {
        var slash = path.AsSpan().LastIndexOfAny('/', '\\');
        return slash < 0 ? path : path[(slash + 1)..];
    }

    /// <summary>
    /// Basename without query, fragment, content hashes or version numbers:
    /// <c>https://cdn/x/app.3f2a1c.js?v=2</c> → <c>app.js</c>, <c>jquery-3.6.0.min.js</c> → <c>jquery.min.js</c>.
    /// </summary>
    public static string ScriptBaseName(string path)
    {
        var end = path.AsSpan().IndexOfAny('?', '#');
        var name = BaseName(end < 0 ? path : path[..end]);
        var builder = new StringBuilder(name.Length);
        var start = 0;
        for (var i = 0; i <= name.Length; i++)
        {
            if (i < name.Length && name[i] != '.' && name[i] != '-')
            {
                continue;
            }
            // Segment [start, i) including its leading separator (except the first).
            var token = name.AsSpan(start, i - start);
            var bare = start == 0 ? token : token[1..];
            if (start == 0 || !IsVolatile(bare))
            {
                builder.Append(token);
            }
            start = i;
        }
        return builder.ToString();
    }

    private static bool IsVolatile(ReadOnlySpan<char> token)
    {
        if (token.IsEmpty)
        {
            return false;
        }
        var digits = 0;
        foreach (var c in token)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
            digits += char.IsAsciiDigit(c) ? 1 : 0;
        }
        return digits == token.Length || (token.Length >= 6 && digits > 0);
    }
}
