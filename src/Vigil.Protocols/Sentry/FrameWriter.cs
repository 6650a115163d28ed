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
        // One pass: fields are captured as they are written; an in_app the SDK did not decide is written last.
        bool? sent = null;
        string? module = null, filename = null, absPath = null;
        function = null;
        string? storedFunction = null, storedModule = null, storedFile = null, storedAbsPath = null, context = null, line = null;
        var json = w.Json;
        json.WriteStartObject();
        foreach (var property in frame.EnumerateObject())
        {
            if (property.NameEquals("in_app"u8))
            {
                sent = ElementText.BoolOf(property.Value);
                if (sent is not null)
                {
                    w.WriteProperty(property, mode);
                }
            }
            else if (property.NameEquals("function"u8))
            {
                storedFunction = WriteCapturing(w, property, mode, function = ElementText.StringOf(property.Value));
            }
            else if (property.NameEquals("module"u8))
            {
                storedModule = WriteCapturing(w, property, mode, module = ElementText.StringOf(property.Value));
            }
            else if (property.NameEquals("filename"u8))
            {
                storedFile = WriteCapturing(w, property, mode, filename = ElementText.StringOf(property.Value));
            }
            else if (property.NameEquals("abs_path"u8))
            {
                storedAbsPath = WriteCapturing(w, property, mode, absPath = ElementText.StringOf(property.Value));
            }
            else if (property.NameEquals("context_line"u8))
            {
                context = WriteCapturing(w, property, mode, ElementText.StringOf(property.Value));
            }
            else if (property.NameEquals("lineno"u8))
            {
                line = WriteCapturing(w, property, mode, ElementText.StringOf(property.Value)) ?? ElementText.ScalarText(property.Value);
            }
            else
            {
                w.WriteProperty(property, mode);
            }
        }
        inApp = sent ?? !(LooksLikeLibraryPath(absPath ?? filename ?? "") || LooksLikeLibraryModule(module ?? ""));
        where = module ?? filename;
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
    private static string? WriteCapturing(PayloadWriter w, JsonProperty property, ScrubMode parent, string? text)
    {
        var mode = w.ChildMode(parent, property);
        if (text is null)
        {
            w.WriteProperty(property, parent);
            return mode == ScrubMode.Filter && property.Value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
                ? PiiScrubber.Filtered
                : null;
        }
        w.PushProperty(property);
        var stored = w.WriteString(property.Value, text, mode);
        w.Pop();
        return stored;
    }

    private static bool LooksLikeLibraryPath(string path) =>
        Array.Exists(LibraryPathParts, part => path.Contains(part, StringComparison.Ordinal))
        || Array.Exists(LibraryPathPrefixes, prefix => path.StartsWith(prefix, StringComparison.Ordinal));

    private static bool LooksLikeLibraryModule(string module) =>
        Array.Exists(LibraryModulePrefixes, prefix => module.StartsWith(prefix, StringComparison.Ordinal));
}
