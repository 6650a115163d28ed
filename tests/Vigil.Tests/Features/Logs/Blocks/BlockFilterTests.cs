using System.Text.Json.Nodes;
using Vigil.Features.Logs.Blocks;
using Vigil.Protocols.Logs;

namespace Vigil.Tests.Features.Logs.Blocks;

/// <summary>A block's word filter never rules out a word its events hold, and rules out most others.</summary>
public sealed class BlockFilterTests
{
    /// <summary>The filter of a block holding one event, its words found in its stored line as at ingest.</summary>
    private static byte[] FilterOf(string text, JsonObject? properties = null) =>
        FilterOf(new LogRecord { Message = text, Properties = properties ?? [] });

    private static byte[] FilterOf(LogRecord record)
    {
        using var encoded = EncodedLogs.Encode([record]);
        return BlockFilter.Build(encoded.Words(0).ToArray().ToHashSet());
    }

    [Theory]
    [InlineData("Payment for ORDER ord-42 failed")]
    [InlineData("Ünïcödé Straße façade ΣΊΣΥΦΟΣ naïve")]
    [InlineData("emoji 🚀 launch and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 letters")]
    [InlineData("under_score kebab-case dotted.name 10.0.0.1")]
    public void EveryWordOfTheTextPassesTheFilter(string text)
    {
        var filter = FilterOf(text);
        Assert.All(LogTokens.Split(text), word => Assert.True(BlockFilter.MayContain(filter, word), word));
    }

    [Fact]
    public void PropertyValuesPassAsTheirWordsWhateverTheirType()
    {
        var properties = JsonNode.Parse("""{"status": 503, "elapsed": 12.5, "big": 5.03e2, "ok": true, "tags": ["Alpha", {"deep": "Beta"}], "nothing": null}""")!.AsObject();
        properties["count"] = 42L;
        properties["ratio"] = 0.25;
        var filter = FilterOf("", properties);
        foreach (var word in new[] { "503", "12", "5", "true", "alpha", "beta", "42", "0", "25" })
            Assert.True(BlockFilter.MayContain(filter, word), word);
        Assert.False(BlockFilter.MayContain(filter, "null"));
    }

    [Fact]
    public void EscapedTextPassesAsItsWords()
    {
        var filter = FilterOf("She said \"Hello\\World\" then\nleft\tearly \u0001ctl");
        foreach (var word in new[] { "she", "said", "hello", "world", "then", "left", "early", "ctl" })
            Assert.True(BlockFilter.MayContain(filter, word), word);
    }

    [Fact]
    public void EveryTextFieldPassesButTheTimeLevelAndProcessIdDoNot()
    {
        var filter = FilterOf(new LogRecord
        {
            Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123), Message = "started",
            Service = "Checkout", Host = "web-07", ProcessId = 4242, RequestId = "req-77", Environment = "Staging",
            Exception = "System.TimeoutException: slow", EventName = "OrderPlaced", TraceId = "0af7651916cd43dd8448eb211c80319c",
            SpanId = "b7ad6b7169203331",
        });
        foreach (var word in new[] { "started", "checkout", "web", "07", "req", "77", "staging", "system", "timeoutexception", "slow", "orderplaced", "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331" })
            Assert.True(BlockFilter.MayContain(filter, word), word);
        foreach (var word in new[] { "4242", "1700000000123" })
            Assert.False(BlockFilter.MayContain(filter, word), word);
    }

    [Fact]
    public void MostWordsABlockLacksAreRuledOut()
    {
        var filter = FilterOf(string.Join(' ', Enumerable.Range(0, 1000).Select(i => $"word{i}")));
        var passed = Enumerable.Range(0, 10_000).Count(i => BlockFilter.MayContain(filter, $"other{i}"));
        Assert.InRange(passed, 0, 300); // about 1% at ten bits per word
    }

    [Fact]
    public void ABlockWithoutAFilterMayHoldAnyWord() =>
        Assert.True(BlockFilter.MayContain(ReadOnlySpan<byte>.Empty, "anything"));
}
