using System.Text;
using Vigil.Protocols.StatsD;

namespace Vigil.Protocols.Tests.StatsD;

public sealed class StatsdParserTests
{
    private static StatsdPacket Parse(string packet) => StatsdParser.Parse(Encoding.UTF8.GetBytes(packet));

    [Fact]
    public void EveryTypeParses()
    {
        var packet = Parse("hits:1|c\nqueue:12|g\nlatency:320|ms\nsize:5|h\nsize:7|d\nusers:ada|s");
        Assert.Empty(packet.Errors);
        Assert.Equal([StatsdType.Counter, StatsdType.Gauge, StatsdType.Timer, StatsdType.Histogram, StatsdType.Distribution, StatsdType.Set],
            packet.Metrics.Select(m => m.Type));
        Assert.Equal("ada", packet.Metrics[5].SetMember);
        Assert.Equal(320, packet.Metrics[2].Values.Single());
    }

    [Fact]
    public void SampleRatesTagsAndTimestampsAreRead()
    {
        var metric = Parse("page.views:3|c|@0.1|#env:prod,region:eu,canary|T1700000000").Metrics.Single();
        Assert.Equal(0.1, metric.SampleRate);
        Assert.Equal([new("env", "prod"), new("region", "eu"), new("canary", "")], metric.Tags);
        Assert.Equal(1_700_000_000, metric.TimestampSeconds);
    }

    [Theory]
    [InlineData("+5", true, 5)]
    [InlineData("-3", true, -3)]
    [InlineData("7", false, 7)]
    public void GaugeSignsMeanDeltas(string value, bool isDelta, double expected)
    {
        var metric = Parse($"temp:{value}|g").Metrics.Single();
        Assert.Equal(isDelta, metric.IsDelta);
        Assert.Equal(expected, metric.Values.Single());
    }

    [Fact]
    public void MultiValueLinesKeepEveryValue() =>
        Assert.Equal([1.5, 2, 3], Parse("rtt:1.5:2:3|h").Metrics.Single().Values);

    [Fact]
    public void AMalformedLineIsReportedAndItsNeighboursKept()
    {
        var packet = Parse("ok.one:1|c\nbroken\nok.two:2|c\nbad:abc|c\nbad:1|x\nneg:-1|ms\nrate:1|c|@2");
        Assert.Equal(["ok.one", "ok.two"], packet.Metrics.Select(m => m.Name));
        Assert.Equal([2, 4, 5, 6, 7], packet.Errors.Select(e => e.Line));
    }

    [Fact]
    public void EventsAndServiceChecksAreSkippedNotErrors()
    {
        var packet = Parse("_e{5,4}:title|text\n_sc|db|0\nhits:1|c");
        Assert.Equal(2, packet.Skipped);
        Assert.Empty(packet.Errors);
        Assert.Single(packet.Metrics);
    }

    [Fact]
    public void InvalidUtf8IsALineError()
    {
        var packet = StatsdParser.Parse([.. "a:1|c\n"u8, 0xff, 0xfe, (byte)':', (byte)'1', (byte)'|', (byte)'c']);
        Assert.Single(packet.Metrics);
        Assert.Equal(2, packet.Errors.Single().Line);
    }

    [Fact]
    public void WindowsLineEndingsAndBlankLinesAreTolerated() =>
        Assert.Equal(2, Parse("a:1|c\r\n\r\nb:2|c\r\n").Metrics.Count);
}
