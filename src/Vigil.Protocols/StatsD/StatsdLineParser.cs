using System.Globalization;
using System.Text.Unicode;

namespace Vigil.Protocols.StatsD;

/// <summary>
/// The allocation-free twin of <see cref="StatsdParser"/> for the UDP hot loop: the same grammar and
/// the same verdicts (tests hold the two to the same golden lines), but it reads UTF-8 bytes in
/// place and only builds an error message for a line it refuses.
/// </summary>
public static class StatsdLineParser
{
    /// <summary>Cuts the next line off <paramref name="packet"/> (without its '\n' or '\r\n').</summary>
    public static ReadOnlySpan<byte> NextLine(ref ReadOnlySpan<byte> packet)
    {
        var end = packet.IndexOf((byte)'\n');
        var line = end < 0 ? packet : packet[..end];
        packet = end < 0 ? [] : packet[(end + 1)..];
        return line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
    }

    public static StatsdLineStatus Parse(ReadOnlySpan<byte> line, out StatsdLine metric, out string? error)
    {
        metric = default;
        error = null;
        if (line.IsEmpty || line.StartsWith("_e{"u8) || line.StartsWith("_sc|"u8))
            return StatsdLineStatus.Skipped;
        if (!Utf8.IsValid(line))
            return Fail("not valid UTF-8", out error);
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
            return Fail("expected name:value|type", out error);
        var name = line[..colon].Trim(" \t\r\n\f\v"u8);
        // The 200-character limit counts characters, as StatsdParser does; bytes overcount only non-ASCII names.
        if (name.Length == 0 || (name.Length > 200 && Utf8Length(name) > 200))
            return Fail("the metric name must be 1 to 200 characters", out error);
        var rest = line[(colon + 1)..];
        var bar = rest.IndexOf((byte)'|');
        if (bar < 0)
            return Fail("expected a type after '|' (c, g, ms, h, d or s)", out error);
        var values = rest[..bar].Trim(" \t\r\n\f\v"u8);
        rest = rest[(bar + 1)..];
        bar = rest.IndexOf((byte)'|');
        var typeRaw = bar < 0 ? rest : rest[..bar];
        var typeText = typeRaw.Trim(" \t\r\n\f\v"u8);
        rest = bar < 0 ? [] : rest[(bar + 1)..];
        var hasSections = bar >= 0;
        StatsdType type;
        if (typeText.SequenceEqual("c"u8)) type = StatsdType.Counter;
        else if (typeText.SequenceEqual("g"u8)) type = StatsdType.Gauge;
        else if (typeText.SequenceEqual("ms"u8)) type = StatsdType.Timer;
        else if (typeText.SequenceEqual("h"u8)) type = StatsdType.Histogram;
        else if (typeText.SequenceEqual("d"u8)) type = StatsdType.Distribution;
        else if (typeText.SequenceEqual("s"u8)) type = StatsdType.Set;
        else
            return Fail($"'{Text(typeRaw)}' is not a type: use c, g, ms, h, d or s", out error);
        metric.Name = name;
        metric.Type = type;
        metric.SampleRate = 1.0;
        while (hasSections)
        {
            bar = rest.IndexOf((byte)'|');
            var section = bar < 0 ? rest : rest[..bar];
            hasSections = bar >= 0;
            rest = bar < 0 ? [] : rest[(bar + 1)..];
            if (section.Length > 0 && section[0] == (byte)'@')
            {
                if (!StatsdNumber.TryParse(section[1..], out var rate) || rate is <= 0 or > 1)
                    return Fail($"'{Text(section)}' is not a sample rate: use @0.1 (0 < rate <= 1)", out error);
                metric.SampleRate = rate;
            }
            else if (section.Length > 0 && section[0] == (byte)'#')
                metric.Tags = section[1..];
            else if (section.Length > 0 && section[0] == (byte)'T' && long.TryParse(section[1..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
                metric.TimestampSeconds = seconds;
            else if (!section.StartsWith("c:"u8)) // a DogStatsD container id is not needed to store the metric
                return Fail($"'{Text(section)}' is not a sample rate (@…), tags (#…) or timestamp (T…)", out error);
        }
        metric.Values = values;
        if (type == StatsdType.Set)
        {
            if (values.IsEmpty)
                return Fail("a set needs a member", out error);
            metric.FirstValue = 1;
            metric.ValueCount = 1;
            return StatsdLineStatus.Metric;
        }
        metric.IsDelta = type == StatsdType.Gauge && values.Length > 0 && values[0] is (byte)'+' or (byte)'-';
        var walk = values;
        var count = 0;
        while (true)
        {
            var separator = walk.IndexOf((byte)':');
            var part = separator < 0 ? walk : walk[..separator];
            if (!StatsdNumber.TryParse(part, out var value) || !double.IsFinite(value))
                return Fail($"'{Text(part)}' is not a number", out error);
            if (type == StatsdType.Timer && value < 0)
                return Fail("a timer cannot be negative", out error);
            if (count++ == 0)
                metric.FirstValue = value;
            if (separator < 0)
                break;
            walk = walk[(separator + 1)..];
        }
        if (count > 1 && type is StatsdType.Gauge or StatsdType.Counter)
            return Fail("several values in one line are for h, d and ms only", out error);
        metric.ValueCount = count;
        return StatsdLineStatus.Metric;
    }

    /// <summary>Reads the next of a line's values (already validated by <see cref="Parse"/>).</summary>
    public static bool NextValue(ref ReadOnlySpan<byte> values, out double value)
    {
        value = 0;
        if (values.IsEmpty)
            return false;
        var separator = values.IndexOf((byte)':');
        var part = separator < 0 ? values : values[..separator];
        values = separator < 0 ? [] : values[(separator + 1)..];
        return StatsdNumber.TryParse(part, out value);
    }

    /// <summary>Walks DogStatsD tags (<c>k:v,k2,…</c>): trimmed, empty entries skipped, a tag without ':' has an empty value.</summary>
    public static bool NextTag(ref ReadOnlySpan<byte> tags, out ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
    {
        while (!tags.IsEmpty)
        {
            var comma = tags.IndexOf((byte)',');
            var tag = (comma < 0 ? tags : tags[..comma]).Trim(" \t\r\n\f\v"u8);
            tags = comma < 0 ? [] : tags[(comma + 1)..];
            if (tag.IsEmpty)
                continue;
            var separator = tag.IndexOf((byte)':');
            key = separator < 0 ? tag : tag[..separator];
            value = separator < 0 ? [] : tag[(separator + 1)..];
            return true;
        }
        key = value = default;
        return false;
    }

    private static StatsdLineStatus Fail(string message, out string? error)
    {
        error = message;
        return StatsdLineStatus.Invalid;
    }

    private static string Text(ReadOnlySpan<byte> bytes) => System.Text.Encoding.UTF8.GetString(bytes);

    private static int Utf8Length(ReadOnlySpan<byte> bytes) => System.Text.Encoding.UTF8.GetCharCount(bytes);
}
