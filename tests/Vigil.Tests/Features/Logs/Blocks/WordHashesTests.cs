using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Features.Logs.Blocks;

namespace Vigil.Tests.Features.Logs.Blocks;

/// <summary>The words hashed from a stored line are exactly the words a search reads back from it.</summary>
public sealed class WordHashesTests
{
    private static HashSet<ulong> HashesOf(string line)
    {
        var sink = new ArrayBufferWriter<ulong>();
        new WordHashes(sink).AddLine(Encoding.UTF8.GetBytes(line));
        return sink.WrittenSpan.ToArray().ToHashSet();
    }

    /// <summary>The words as search sees them: each text field's words, and every value under "p" read by LogTokens.</summary>
    private static HashSet<ulong> WordsReadBack(string line)
    {
        var words = new HashSet<ulong>();
        using var document = JsonDocument.Parse(line);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (LogLine.HoldsWords(Encoding.UTF8.GetBytes(property.Name)))
                LogTokens.EachInValue(property.Value, word => words.Add(WordHashes.Of(word)));
        }
        return words;
    }

    [Theory]
    [InlineData("""{"t":1,"l":2,"m":"Order ord-42 paid","p":{"status":503,"elapsed":12.5,"price":12.50,"tiny":0.000001,"big":5.03e2,"huge":1234567890123456789,"neg":-7,"half":0.5,"zero":0}}""")]
    [InlineData("""{"t":1,"l":2,"m":"Straße \u00fcber \"quoted\"","x":"System.Exception: ΣΊΣΥΦΟΣ","p":{"list":[1.0,2e-7,true,false,null,{"deep":"Beta"}]}}""")]
    [InlineData("""{"t":1,"l":4,"m":"","s":"shop","ho":"web-1","pid":4242,"tr":"0af7651916cd43dd8448eb211c80319c","sp":"b7ad6b7169203331","r":"req-9","e":"prod","i":"evt"}""")]
    public void TheHashedWordsAreExactlyTheWordsReadBack(string line) =>
        Assert.Equal(WordsReadBack(line), HashesOf(line));

    [Fact]
    public void ANumberSpeltInItsShortestFormIsRecognisedAsSuch()
    {
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var value = random.Next(4) switch
            {
                0 => random.Next(-100_000, 100_000),
                1 => Math.Round(random.NextDouble() * 1000, random.Next(0, 6)),
                2 => random.NextDouble() * Math.Pow(10, random.Next(-8, 18)),
                _ => (double)random.NextInt64(),
            };
            foreach (var text in new[] { value.ToString("R", CultureInfo.InvariantCulture), value.ToString("F2", CultureInfo.InvariantCulture), value.ToString("E3", CultureInfo.InvariantCulture) })
            {
                if (WordHashes.IsShortest(Encoding.UTF8.GetBytes(text)))
                    Assert.Equal(text, double.Parse(text, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture));
            }
        }
        Assert.True(WordHashes.IsShortest("503"u8));
        Assert.True(WordHashes.IsShortest("-12.5"u8));
        Assert.False(WordHashes.IsShortest("12.50"u8));
        Assert.False(WordHashes.IsShortest("0.5"u8));
        Assert.False(WordHashes.IsShortest("5.03e2"u8));
        Assert.False(WordHashes.IsShortest("1234567890123456"u8));
    }
}
