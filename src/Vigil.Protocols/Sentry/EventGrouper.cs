using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// Decides which issue an event belongs to, following Sentry's default strategy (see
/// docs/GROUPING.md): the SDK's fingerprint if it sent one, else the exception chain's types and
/// stack frames (in-app frames only when there are any), else exception type and message
/// template, else the message template, else the title.
/// </summary>
public static class EventGrouper
{
    private const string DefaultMarker = "{{default}}";

    public static GroupingResult Group(NormalizedEvent ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var (variant, components) = Default(ev);
        if (ev.Fingerprint is { Count: > 0 } fingerprint)
        {
            var custom = new List<string>(fingerprint.Count + components.Count);
            var includesDefault = false;
            foreach (var entry in fingerprint)
            {
                if (IsDefaultMarker(entry))
                {
                    includesDefault = true;
                    custom.AddRange(components);
                }
                else
                {
                    custom.Add("fingerprint:" + entry);
                }
            }
            // With {{ default }} the default rule still decides the shape, the fingerprint refines it.
            return Result(includesDefault ? variant : GroupingResult.Custom, custom);
        }
        return Result(variant, components);
    }

    private static (string Variant, List<string> Components) Default(NormalizedEvent ev)
    {
        var exceptions = ev.Payload["exception"]?["values"] as JsonArray;
        if (exceptions is { Count: > 0 })
        {
            var javaScript = ev.Platform is "javascript" or "node";
            var anyInApp = AnyInAppFrame(exceptions);
            var components = new List<string>();
            var frameCount = 0;
            foreach (var node in exceptions)
            {
                if (node is not JsonObject exception)
                {
                    continue;
                }
                components.Add("type:" + (JsonShapes.StringOf(exception["type"]) ?? ""));
                frameCount += AddFrames(exception, anyInApp, javaScript, components);
            }
            if (frameCount > 0)
            {
                return (anyInApp ? GroupingResult.App : GroupingResult.System, components);
            }
            components.Clear();
            foreach (var node in exceptions)
            {
                var type = JsonShapes.StringOf(node?["type"]) ?? "";
                var value = JsonShapes.StringOf(node?["value"]) ?? "";
                components.Add("type:" + type);
                components.Add("value:" + MessageNormalizer.Normalize(value));
            }
            return (GroupingResult.ExceptionMessage, components);
        }
        var template = JsonShapes.StringOf(ev.Payload["logentry"]?["message"]) ?? ev.Message;
        if (!string.IsNullOrWhiteSpace(template))
        {
            return (GroupingResult.Message, ["message:" + MessageNormalizer.Normalize(template)]);
        }
        return (GroupingResult.Fallback, ["title:" + ev.Title]);
    }

    private static int AddFrames(JsonObject exception, bool inAppOnly, bool javaScript, List<string> components)
    {
        if (exception["stacktrace"]?["frames"] is not JsonArray frames)
        {
            return 0;
        }
        var added = 0;
        foreach (var node in frames)
        {
            if (node is not JsonObject frame || (inAppOnly && JsonShapes.BoolOf(frame["in_app"]) != true))
            {
                continue;
            }
            if (FrameComponent.Of(frame, javaScript) is { } component)
            {
                components.Add("frame:" + component);
                added++;
            }
        }
        return added;
    }

    private static bool AnyInAppFrame(JsonArray exceptions)
    {
        foreach (var exception in exceptions)
        {
            if (exception?["stacktrace"]?["frames"] is not JsonArray frames)
            {
                continue;
            }
            foreach (var frame in frames)
            {
                if (frame is JsonObject f && JsonShapes.BoolOf(f["in_app"]) == true)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool IsDefaultMarker(string entry)
    {
        Span<char> compact = stackalloc char[Math.Min(entry.Length, 32)];
        var n = 0;
        foreach (var c in entry)
        {
            if (!char.IsWhiteSpace(c))
            {
                if (n == compact.Length)
                {
                    return false;
                }
                compact[n++] = char.ToLowerInvariant(c);
            }
        }
        return compact[..n].SequenceEqual(DefaultMarker);
    }

    private static GroupingResult Result(string variant, List<string> components)
    {
        // Components cannot contain '\0' in practice, so it separates them unambiguously.
        var bytes = Encoding.UTF8.GetBytes(string.Join('\0', components));
        var hash = SHA256.HashData(bytes);
        return new GroupingResult(Convert.ToHexStringLower(hash.AsSpan(0, 16)), variant, components);
    }
}
