using Vigil.Features.Logs.Blocks;
using Vigil.Features.Logs.Blocks.Evaluation;
using static Vigil.Tests.Features.Logs.Blocks.StoredEvents;

namespace Vigil.Tests.Features.Logs.Blocks.Evaluation;

/// <summary>The streamed words must be LogTokens' words, in LogTokens' order: the block token
/// filters are built from LogTokens, and a word the two saw differently would lose events.</summary>
public sealed class EventWordsTests
{
    private struct Collect() : IWordSink
    {
        public List<string> Words { get; } = [];

        public bool Take(ReadOnlySpan<char> word)
        {
            Words.Add(word.ToString().ToLowerInvariant());
            return false;
        }
    }

    private struct StopAt(string word) : IWordSink
    {
        public int Seen { get; private set; }

        public bool Take(ReadOnlySpan<char> taken)
        {
            Seen++;
            return LowerCase.Equal(taken, word);
        }
    }

    [Fact]
    public void TheWordsAreLogTokensWordsInTheSameOrder()
    {
        var ev = With("""
            {"s": "Straße ÉCOLE İstanbul 𐐀𐐨 \u212Aelvin a_b", "n": 5.03e2, "i": -12, "big": 1e300, "t": true, "f": false, "z": null,
             "o": {"deep": ["x\ty", {"k": "O'Brien"}], "e": "esc\u00e9\"q\""}, "long": "{{LONG}}"}
            """.Replace("{{LONG}}", string.Join(' ', Enumerable.Repeat("Lorem IPSUM", 100))));
        ev.Message = "Payment FAILED for order #1001";
        ev.Exception = "System.TimeoutException: gateway\n  at X.Y()";
        ev.Service = "check-out";
        ev.Host = "web_1";
        ev.RequestId = "req-1";
        ev.Environment = "prod";
        ev.EventName = "CheckoutFailed";
        ev.TraceId = "not-searched";

        var expected = new List<string>();
        foreach (var text in new[] { ev.Message, ev.Exception, ev.Service, ev.Host, ev.RequestId, ev.Environment, ev.EventName })
            expected.AddRange(LogTokens.Split(text));
        LogTokens.EachInValue(ev.Properties, expected.Add);

        var sink = new Collect();
        Assert.False(EventWords.Scan(ev, ref sink));
        Assert.Equal(expected, sink.Words);
    }

    [Fact]
    public void ASinkStopsTheScan()
    {
        var ev = With("""{"a": "one two three"}""", message: "zero");
        var sink = new StopAt("two");
        Assert.True(EventWords.Scan(ev, ref sink));
        Assert.Equal(3, sink.Seen);
    }
}
