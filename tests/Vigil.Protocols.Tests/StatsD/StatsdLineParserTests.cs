using System.Text;
using Vigil.Protocols.StatsD;

namespace Vigil.Protocols.Tests.StatsD;

/// <summary>The hot loop's span parser must give the same verdict and the same metric as <see cref="StatsdParser"/>.</summary>
public sealed class StatsdLineParserTests
{
    public static TheoryData<string> GoldenLines =>
    [
        "hits:1|c", "queue:12|g", "latency:320|ms", "size:5|h", "size:7|d", "users:ada|s",
        "page.views:3|c|@0.1|#env:prod,region:eu,canary|T1700000000", "temp:+5|g", "temp:-3|g", "temp:7|g", "rtt:1.5:2:3|h",
        " padded.name :4|c", "a:1|c|#env:prod|c:abc123", "x:1.5e3|ms", "weird:1|c|#, a:b ,,c", "set:a:b|s",
        "broken", ":1|c", "bad:abc|c", "bad:1|x", "neg:-1|ms", "rate:1|c|@2", "rate:1|c|@0", "g:1:2|g", "c:1|c|", "c:1|c|zz", "nan:NaN|c",
        "inf:Infinity|g", "empty.set:|s", "t:1|c|Tabc", "notype:1", "x:1| ms ", "é.unicode:1|c|#ключ:значение",
        new string('n', 201) + ":1|c", new string('n', 200) + ":1|c",
    ];

    [Theory]
    [MemberData(nameof(GoldenLines))]
    public void TheSpanParserAgreesWithStatsdParser(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var expected = StatsdParser.Parse(bytes);
        var status = StatsdLineParser.Parse(bytes, out var line, out var error);
        if (expected.Errors.Count > 0)
        {
            Assert.Equal(StatsdLineStatus.Invalid, status);
            Assert.Equal(expected.Errors[0].Message, error);
            return;
        }
        var metric = Assert.Single(expected.Metrics);
        Assert.Equal(StatsdLineStatus.Metric, status);
        Assert.Equal(metric.Name, Encoding.UTF8.GetString(line.Name));
        Assert.Equal(metric.Type, line.Type);
        Assert.Equal(metric.SampleRate, line.SampleRate);
        Assert.Equal(metric.IsDelta, line.IsDelta);
        Assert.Equal(metric.TimestampSeconds, line.TimestampSeconds);
        Assert.Equal(metric.Tags, Tags(line.Tags));
        if (metric.Type == StatsdType.Set)
            Assert.Equal(metric.SetMember, Encoding.UTF8.GetString(line.Values));
        else
            Assert.Equal(metric.Values, Values(line.Values));
    }

    [Fact]
    public void EventsServiceChecksAndBlankLinesAreSkipped()
    {
        Assert.Equal(StatsdLineStatus.Skipped, StatsdLineParser.Parse("_e{5,4}:title|text"u8, out _, out _));
        Assert.Equal(StatsdLineStatus.Skipped, StatsdLineParser.Parse("_sc|db|0"u8, out _, out _));
        Assert.Equal(StatsdLineStatus.Skipped, StatsdLineParser.Parse(""u8, out _, out _));
    }

    [Fact]
    public void InvalidUtf8IsRefused() =>
        Assert.Equal(StatsdLineStatus.Invalid, StatsdLineParser.Parse([0xff, 0xfe, (byte)':', (byte)'1', (byte)'|', (byte)'c'], out _, out _));

    [Fact]
    public void LinesSplitOnNewlinesWithWindowsEndingsTrimmed()
    {
        ReadOnlySpan<byte> packet = "a:1|c\r\n\r\nb:2|c\n"u8;
        var lines = new List<string>();
        while (!packet.IsEmpty)
            lines.Add(Encoding.UTF8.GetString(StatsdLineParser.NextLine(ref packet)));
        Assert.Equal(["a:1|c", "", "b:2|c"], lines);
    }

    private static List<KeyValuePair<string, string>> Tags(ReadOnlySpan<byte> tags)
    {
        var list = new List<KeyValuePair<string, string>>();
        while (StatsdLineParser.NextTag(ref tags, out var key, out var value))
            list.Add(new(Encoding.UTF8.GetString(key), Encoding.UTF8.GetString(value)));
        return list;
    }

    private static List<double> Values(ReadOnlySpan<byte> values)
    {
        var list = new List<double>();
        while (StatsdLineParser.NextValue(ref values, out var value))
            list.Add(value);
        return list;
    }
}
