using System.Text.Json;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// Writes <c>breadcrumbs</c>: objects only, timestamps as epoch seconds, and only the newest
/// <c>MaxBreadcrumbs</c> (oldest first: the newest, closest to the error, are at the end).
/// </summary>
internal static class BreadcrumbWriter
{
    public static void Write(PayloadWriter w, JsonElement value, ScrubMode mode, int maxBreadcrumbs)
    {
        ValuesWriter.Write(w, "breadcrumbs", value, mode, (values, valuesMode) =>
        {
            var crumbs = ValuesWriter.Objects(values);
            var drop = Math.Max(0, crumbs.Count - maxBreadcrumbs);
            if (drop > 0)
            {
                w.RecordTrim(crumbs.Count);
            }
            w.Json.WriteStartArray();
            for (var i = drop; i < crumbs.Count; i++)
            {
                w.PushIndex(i - drop);
                WriteCrumb(w, crumbs[i], valuesMode);
                w.Pop();
            }
            w.Json.WriteEndArray();
        });
    }

    private static void WriteCrumb(PayloadWriter w, JsonElement crumb, ScrubMode mode)
    {
        w.Json.WriteStartObject();
        foreach (var property in crumb.EnumerateObject())
        {
            if (property.NameEquals("timestamp"u8) && EventTimestamps.TryRead(property.Value, out var when))
            {
                var childMode = w.ChildMode(mode, property);
                w.PushProperty(property);
                w.WriteNumber(EventTimestamps.ToEpoch(when), childMode);
                w.Pop();
            }
            else
            {
                w.WriteProperty(property, mode);
            }
        }
        w.Json.WriteEndObject();
    }
}
