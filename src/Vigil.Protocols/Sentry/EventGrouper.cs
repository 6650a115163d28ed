using System.Security.Cryptography;
using System.Text;

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
        var exceptions = ev.Grouping.Exceptions;
        if (exceptions is { Count: > 0 })
        {
            var javaScript = ev.Platform is "javascript" or "node";
            var anyInApp = exceptions.Any(e => e.Frames?.Any(f => f.InApp == true) == true);
            var components = new List<string>();
            var frameCount = 0;
            foreach (var exception in exceptions)
            {
                components.Add("type:" + (exception.StoredType ?? ""));
                frameCount += AddFrames(exception, anyInApp, javaScript, components);
            }
            if (frameCount > 0)
            {
                return (anyInApp ? GroupingResult.App : GroupingResult.System, components);
            }
            components.Clear();
            foreach (var exception in exceptions)
            {
                components.Add("type:" + (exception.StoredType ?? ""));
                components.Add("value:" + MessageNormalizer.Normalize(exception.StoredValue ?? ""));
            }
            return (GroupingResult.ExceptionMessage, components);
        }
        var template = ev.Grouping.StoredTemplate ?? ev.Message;
        if (!string.IsNullOrWhiteSpace(template))
        {
            return (GroupingResult.Message, ["message:" + MessageNormalizer.Normalize(template)]);
        }
        return (GroupingResult.Fallback, ["title:" + ev.Title]);
    }

    private static int AddFrames(ExceptionInput exception, bool inAppOnly, bool javaScript, List<string> components)
    {
        var added = 0;
        foreach (var frame in exception.Frames ?? [])
        {
            if (inAppOnly && frame.InApp != true)
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
