using System.Text.Json.Nodes;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// Brings a <c>stacktrace</c> into canonical shape: <c>frames</c> is a list of objects, oldest
/// first, each with an explicit <c>in_app</c>; overly long traces keep both ends (where the thread
/// started and where it crashed) and drop the middle, which is usually recursion.
/// </summary>
internal static class StackTraceNormalizer
{
    /// <summary>Normalises <c>owner.stacktrace</c> (an exception or a thread); <paramref name="path"/> is the owner's meta path.</summary>
    public static void Normalize(JsonObject owner, string path, int maxFrames, EventMeta meta)
    {
        if (owner["stacktrace"] is not JsonObject stacktrace)
        {
            owner.Remove("stacktrace");
            return;
        }
        if (stacktrace["frames"] is not JsonArray frames)
        {
            stacktrace.Remove("frames");
            return;
        }
        // Trim first so a 10,000-frame trace costs the same as a 250-frame one afterwards.
        if (frames.Count > maxFrames)
        {
            var original = frames.Count;
            Trim(frames, maxFrames);
            meta.RecordTrim(path + ".stacktrace.frames", original);
        }
        for (var i = frames.Count - 1; i >= 0; i--)
        {
            if (frames[i] is JsonObject frame)
            {
                DefaultInApp(frame);
            }
            else
            {
                frames.RemoveAt(i);
            }
        }
    }

    private static void Trim(JsonArray frames, int maxFrames)
    {
        // Rebuilding is O(n); RemoveAt in the middle of a 10,000-frame list would be O(n²).
        var keepOldest = maxFrames / 2;
        var keepNewest = maxFrames - keepOldest;
        var kept = new JsonNode?[maxFrames];
        for (var i = 0; i < keepOldest; i++)
        {
            kept[i] = frames[i];
        }
        for (var i = 0; i < keepNewest; i++)
        {
            kept[keepOldest + i] = frames[frames.Count - keepNewest + i];
        }
        frames.Clear();
        foreach (var frame in kept)
        {
            frames.Add(frame);
        }
    }

    private static void DefaultInApp(JsonObject frame)
    {
        if (JsonShapes.BoolOf(frame["in_app"]) is not null)
        {
            return;
        }
        // SDKs normally decide; when one does not, library code is recognisable by where it lives.
        var path = JsonShapes.StringOf(frame["abs_path"]) ?? JsonShapes.StringOf(frame["filename"]) ?? "";
        var module = JsonShapes.StringOf(frame["module"]) ?? "";
        frame["in_app"] = !(LooksLikeLibraryPath(path) || LooksLikeLibraryModule(module));
    }

    private static readonly string[] LibraryPathPrefixes = ["node:", "internal/", "/usr/lib/"];
    private static readonly string[] LibraryPathParts = ["node_modules", "site-packages", "dist-packages"];
    private static readonly string[] LibraryModulePrefixes = ["System.", "Microsoft.", "java.", "javax.", "kotlin.", "sun."];

    private static bool LooksLikeLibraryPath(string path) =>
        Array.Exists(LibraryPathParts, part => path.Contains(part, StringComparison.Ordinal))
        || Array.Exists(LibraryPathPrefixes, prefix => path.StartsWith(prefix, StringComparison.Ordinal));

    private static bool LooksLikeLibraryModule(string module) =>
        Array.Exists(LibraryModulePrefixes, prefix => module.StartsWith(prefix, StringComparison.Ordinal));
}
