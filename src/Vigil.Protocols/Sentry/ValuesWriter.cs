using System.Text.Json;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// Lists that SDKs send bare or wrapped (<c>exception</c>, <c>threads</c>, <c>breadcrumbs</c>) are
/// stored wrapped, as <c>{"values": [...]}</c>, keeping any other keys of the wrapper. Anything
/// else under the key is dropped.
/// </summary>
internal static class ValuesWriter
{
    /// <summary>Writes <paramref name="key"/> in canonical shape; <paramref name="writeValues"/> writes the list.</summary>
    public static void Write(PayloadWriter w, string key, JsonElement value, ScrubMode mode, Action<JsonElement, ScrubMode> writeValues)
    {
        var wrapped = value.ValueKind == JsonValueKind.Object
            && ElementText.Property(value, "values").ValueKind == JsonValueKind.Array;
        if (!wrapped && value.ValueKind != JsonValueKind.Array)
        {
            return;
        }
        w.Push(key);
        w.Json.WritePropertyName(key);
        w.Json.WriteStartObject();
        var valuesMode = w.ChildMode(mode, "values");
        w.Push("values");
        w.Json.WritePropertyName("values");
        writeValues(wrapped ? value.GetProperty("values") : value, valuesMode);
        w.Pop();
        if (wrapped)
        {
            foreach (var property in value.EnumerateObject())
            {
                if (!property.NameEquals("values"u8))
                {
                    w.WriteProperty(property, mode);
                }
            }
        }
        w.Json.WriteEndObject();
        w.Pop();
    }

    /// <summary>The objects of a list, skipping everything else, in order.</summary>
    public static List<JsonElement> Objects(JsonElement array, int from = 0, int count = int.MaxValue)
    {
        var objects = new List<JsonElement>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (index >= from && index - from < count && item.ValueKind == JsonValueKind.Object)
            {
                objects.Add(item);
            }
            index++;
        }
        return objects;
    }
}
