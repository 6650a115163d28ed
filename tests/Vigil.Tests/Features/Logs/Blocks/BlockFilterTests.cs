using System.Buffers;
using System.Text.Json.Nodes;
using Vigil.Features.Logs.Blocks;

namespace Vigil.Tests.Features.Logs.Blocks;

/// <summary>A block's word filter never rules out a word its events hold, and rules out most others.</summary>
public sealed class BlockFilterTests
{
    private static byte[] FilterOf(string text, JsonObject? properties = null)
    {
        var hashes = new ArrayBufferWriter<ulong>();
        var words = new WordHashes(hashes);
        words.AddText(text);
        words.AddNode(properties);
        return BlockFilter.Build(hashes.WrittenSpan.ToArray().ToHashSet());
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
