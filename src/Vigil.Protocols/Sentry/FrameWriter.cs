using System.Runtime.InteropServices;
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
            var field = FieldOf(property);
            if (field == Field.InApp)
            {
                sent = ElementText.BoolOf(property.Value);
                if (sent is not null)
                {
                    w.WriteProperty(property, mode);
                }
            }
            else if (field == Field.Function)
            {
                storedFunction = WriteCapturing(w, property, mode, function = ElementText.StringOf(property.Value));
            }
            else if (field == Field.Module)
            {
                storedModule = WriteCapturing(w, property, mode, module = ElementText.StringOf(property.Value));
            }
            else if (field == Field.Filename)
            {
                storedFile = WriteCapturing(w, property, mode, filename = ElementText.StringOf(property.Value));
            }
            else if (field == Field.AbsPath)
            {
                storedAbsPath = WriteCapturing(w, property, mode, absPath = ElementText.StringOf(property.Value));
            }
            else if (field == Field.ContextLine)
            {
                context = WriteCapturing(w, property, mode, ElementText.StringOf(property.Value));
            }
            else if (field == Field.LineNumber)
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

    private enum Field
    {
        Other,
        InApp,
        Function,
        Module,
        Filename,
        AbsPath,
        ContextLine,
        LineNumber,
    }

    // Every property of every frame passes here: compare raw bytes once, not each name in turn.
    private static Field FieldOf(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.IndexOf((byte)'\\') >= 0)
        {
            return property.Name switch
            {
                "in_app" => Field.InApp, "function" => Field.Function, "module" => Field.Module, "filename" => Field.Filename,
                "abs_path" => Field.AbsPath, "context_line" => Field.ContextLine, "lineno" => Field.LineNumber, _ => Field.Other,
            };
        }
        return raw.Length switch
        {
            6 when raw.SequenceEqual("in_app"u8) => Field.InApp,
            6 when raw.SequenceEqual("module"u8) => Field.Module,
            6 when raw.SequenceEqual("lineno"u8) => Field.LineNumber,
            8 when raw.SequenceEqual("function"u8) => Field.Function,
            8 when raw.SequenceEqual("filename"u8) => Field.Filename,
            8 when raw.SequenceEqual("abs_path"u8) => Field.AbsPath,
            12 when raw.SequenceEqual("context_line"u8) => Field.ContextLine,
            _ => Field.Other,
        };
    }

    private static bool LooksLikeLibraryPath(string path) =>
        Array.Exists(LibraryPathParts, part => path.Contains(part, StringComparison.Ordinal))
        || Array.Exists(LibraryPathPrefixes, prefix => path.StartsWith(prefix, StringComparison.Ordinal));

    private static bool LooksLikeLibraryModule(string module) =>
        Array.Exists(LibraryModulePrefixes, prefix => module.StartsWith(prefix, StringComparison.Ordinal));
}
