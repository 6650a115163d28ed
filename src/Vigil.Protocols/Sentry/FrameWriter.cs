using System.Text.Json;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// Writes one stack frame with an explicit <c>in_app</c> and captures what grouping and the
/// culprit need. SDKs normally decide <c>in_app</c>; when one does not, library code is
/// recognisable by where it lives.
/// </summary>
internal static class FrameWriter
{
    private static readonly string[] LibraryPathPrefixes = ["node:", "internal/", "/usr/lib/"];
    private static readonly string[] LibraryPathParts = ["node_modules", "site-packages", "dist-packages"];
    private static readonly string[] LibraryModulePrefixes = ["System.", "Microsoft.", "java.", "javax.", "kotlin.", "sun."];

    /// <summary>Writes <paramref name="frame"/>; returns its in_app as decided, and the stored fields.</summary>
    public static FrameInput Write(PayloadWriter w, JsonElement frame, ScrubMode mode, out bool inApp, out string? function, out string? where)
    {
        var sent = ElementText.BoolOf(ElementText.Property(frame, "in_app"));
        function = ElementText.StringOf(ElementText.Property(frame, "function"));
        var module = ElementText.StringOf(ElementText.Property(frame, "module"));
        var filename = ElementText.StringOf(ElementText.Property(frame, "filename"));
        var absPath = ElementText.StringOf(ElementText.Property(frame, "abs_path"));
        inApp = sent ?? !(LooksLikeLibraryPath(absPath ?? filename ?? "") || LooksLikeLibraryModule(module ?? ""));
        where = module ?? filename;

        string? storedFunction = null, storedModule = null, storedFile = null, storedAbsPath = null, context = null, line = null;
        var json = w.Json;
        json.WriteStartObject();
        foreach (var property in frame.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            var childMode = w.ChildMode(mode, name);
            switch (name)
            {
                case "in_app" when sent is null:
                    continue;
                case "function":
                    storedFunction = WriteCapturing(w, name, value, childMode, function);
                    break;
                case "module":
                    storedModule = WriteCapturing(w, name, value, childMode, module);
                    break;
                case "filename":
                    storedFile = WriteCapturing(w, name, value, childMode, filename);
                    break;
                case "abs_path":
                    storedAbsPath = WriteCapturing(w, name, value, childMode, absPath);
                    break;
                case "context_line":
                    context = WriteCapturing(w, name, value, childMode, ElementText.StringOf(value));
                    break;
                case "lineno":
                    line = WriteCapturing(w, name, value, childMode, ElementText.StringOf(value)) ?? ElementText.ScalarText(value);
                    break;
                default:
                    w.WriteProperty(name, value, childMode);
                    break;
            }
        }
        var inAppMode = w.ChildMode(mode, "in_app");
        if (sent is null)
        {
            w.Push("in_app");
            json.WritePropertyName("in_app");
            w.WriteBoolean(inApp, inAppMode);
            w.Pop();
        }
        json.WriteEndObject();
        bool? storedInApp = inAppMode == ScrubMode.Filter ? null : inApp;
        return new FrameInput(storedFunction, storedModule, storedFile, storedAbsPath, context, line, storedInApp);
    }

    /// <summary>Writes a property; returns the stored value when it is a string (a filtered scalar becomes one).</summary>
    private static string? WriteCapturing(PayloadWriter w, string name, JsonElement value, ScrubMode mode, string? text)
    {
        if (text is null)
        {
            w.WriteProperty(name, value, mode);
            if (mode == ScrubMode.Filter && value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            {
                return PiiScrubber.Filtered;
            }
            return null;
        }
        w.Push(name);
        w.Json.WritePropertyName(name);
        var stored = w.WriteText(text, mode);
        w.Pop();
        return stored;
    }

    private static bool LooksLikeLibraryPath(string path) =>
        Array.Exists(LibraryPathParts, part => path.Contains(part, StringComparison.Ordinal))
        || Array.Exists(LibraryPathPrefixes, prefix => path.StartsWith(prefix, StringComparison.Ordinal));

    private static bool LooksLikeLibraryModule(string module) =>
        Array.Exists(LibraryModulePrefixes, prefix => module.StartsWith(prefix, StringComparison.Ordinal));
}
