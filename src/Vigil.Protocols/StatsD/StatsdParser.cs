using System.Globalization;
using System.Text;

namespace Vigil.Protocols.StatsD;

/// <summary>
/// Parses StatsD and DogStatsD packets: <c>name:value|type[|@rate][|#tag:v,tag][|T1700000000]</c>,
/// several lines per packet. A malformed line becomes an error with its line number and the rest of
/// the packet is kept; DogStatsD events (<c>_e{…}</c>) and service checks (<c>_sc|…</c>) are skipped.
/// </summary>
public static class StatsdParser
{
    public static StatsdPacket Parse(ReadOnlySpan<byte> packet)
    {
        var metrics = new List<StatsdMetric>();
        var errors = new List<StatsdLineError>();
        var skipped = 0;
        var lineNumber = 0;
        while (packet.Length > 0)
        {
            var end = packet.IndexOf((byte)'\n');
            var line = end < 0 ? packet : packet[..end];
            packet = end < 0 ? [] : packet[(end + 1)..];
            lineNumber++;
            if (line.Length > 0 && line[^1] == (byte)'\r')
                line = line[..^1];
            if (line.IsEmpty)
                continue;
            if (line.StartsWith("_e{"u8) || line.StartsWith("_sc|"u8))
            {
                skipped++;
                continue;
            }
            string text;
            try
            {
                text = Strict.GetString(line);
            }
            catch (DecoderFallbackException)
            {
                errors.Add(new StatsdLineError(lineNumber, "not valid UTF-8", Encoding.UTF8.GetString(line)));
                continue;
            }
            var (metric, error) = ParseLine(text);
            if (metric is not null)
                metrics.Add(metric);
            else
                errors.Add(new StatsdLineError(lineNumber, error!, text.Length > 200 ? text[..200] : text));
        }
        return new StatsdPacket(metrics, errors, skipped);
    }

    public static (StatsdMetric? Metric, string? Error) ParseLine(string line)
    {
        var colon = line.IndexOf(':');
        if (colon <= 0)
            return (null, "expected name:value|type");
        var name = line[..colon].Trim();
        if (name.Length == 0 || name.Length > 200)
            return (null, "the metric name must be 1 to 200 characters");
        var sections = line[(colon + 1)..].Split('|');
        if (sections.Length < 2)
            return (null, "expected a type after '|' (c, g, ms, h, d or s)");
        StatsdType? type = sections[1].Trim() switch
        {
            "c" => StatsdType.Counter,
            "g" => StatsdType.Gauge,
            "ms" => StatsdType.Timer,
            "h" => StatsdType.Histogram,
            "d" => StatsdType.Distribution,
            "s" => StatsdType.Set,
            _ => null,
        };
        if (type is null)
            return (null, $"'{sections[1]}' is not a type: use c, g, ms, h, d or s");
        var rate = 1.0;
        var tags = new List<KeyValuePair<string, string>>();
        long? timestamp = null;
        foreach (var section in sections.Skip(2))
        {
            if (section.StartsWith('@'))
            {
                if (!double.TryParse(section.AsSpan(1), NumberStyles.Float, CultureInfo.InvariantCulture, out rate) || rate is <= 0 or > 1)
                    return (null, $"'{section}' is not a sample rate: use @0.1 (0 < rate <= 1)");
            }
            else if (section.StartsWith('#'))
            {
                foreach (var tag in section[1..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var separator = tag.IndexOf(':');
                    tags.Add(separator < 0 ? new(tag, "") : new(tag[..separator], tag[(separator + 1)..]));
                }
            }
            else if (section.StartsWith('T') && long.TryParse(section.AsSpan(1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
            {
                timestamp = seconds;
            }
            else if (section.StartsWith('c') && section.StartsWith("c:"))
            {
                // DogStatsD container id: not needed to store the metric.
            }
            else
            {
                return (null, $"'{section}' is not a sample rate (@…), tags (#…) or timestamp (T…)");
            }
        }
        var raw = line.Substring(colon + 1, line.IndexOf('|', colon) - colon - 1).Trim();
        if (type == StatsdType.Set)
            return raw.Length == 0 ? (null, "a set needs a member") : (new StatsdMetric(name, type.Value, [1], rate, tags, SetMember: raw, TimestampSeconds: timestamp), null);
        var isDelta = type == StatsdType.Gauge && raw.Length > 0 && raw[0] is '+' or '-';
        var values = new List<double>();
        foreach (var part in raw.Split(':'))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                return (null, $"'{part}' is not a number");
            if (type == StatsdType.Timer && value < 0)
                return (null, "a timer cannot be negative");
            values.Add(value);
        }
        if (values.Count > 1 && type is StatsdType.Gauge or StatsdType.Counter)
            return (null, "several values in one line are for h, d and ms only");
        return (new StatsdMetric(name, type.Value, values, rate, tags, isDelta, null, timestamp), null);
    }

    private static readonly UTF8Encoding Strict = new(false, true);
}
