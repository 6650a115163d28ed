using System.Text;
using Vigil.Protocols.Sentry;

namespace Vigil.Protocols.Tests.Sentry;

public sealed class EnvelopeParserTests
{
    public static TheoryData<string> EnvelopeFixtures() => new(Fixtures.EnvelopeNames());

    private static EnvelopeParseResult Parse(string text) => EnvelopeParser.Parse(Encoding.UTF8.GetBytes(text));

    [Theory]
    [MemberData(nameof(EnvelopeFixtures))]
    public void EveryCapturedEnvelopeParsesIntoKnownItems(string name)
    {
        var envelope = Fixtures.Envelope(name);

        Assert.NotEmpty(envelope.Items);
        Assert.All(envelope.Items, i => Assert.True(i.IsKnownType, i.Type));
        Assert.All(envelope.Items, i => Assert.True(i.Payload.Length > 0));
        if (envelope.FirstItem("event") is not null)
        {
            Assert.Matches("^[0-9a-f]{32}$", envelope.EventId);
        }
    }

    [Fact]
    public void BrowserSessionUpdatesAreSessionItems()
    {
        Assert.Equal("session", Fixtures.Envelope("browser-session-1.envelope").Items[0].Type);
    }

    [Fact]
    public void DashedUpperCaseEventIdIsNormalised()
    {
        var result = Parse("{\"event_id\":\"9EC79C33-EC99-42AB-8353-589FCB2E04DC\",\"dsn\":\"https://k@h/1\"}\n");

        Assert.Null(result.Error);
        Assert.Equal("9ec79c33ec9942ab8353589fcb2e04dc", result.Envelope!.EventId);
        Assert.Equal("https://k@h/1", result.Envelope.Dsn);
        Assert.Empty(result.Envelope.Items);
    }

    [Fact]
    public void HeaderOnlyEnvelopeWithoutNewlineIsEmpty()
    {
        var result = Parse("{}");

        Assert.True(result.IsSuccess);
        Assert.Empty(result.Envelope!.Items);
    }

    [Fact]
    public void ItemsWithAndWithoutLengthAreFramedCorrectly()
    {
        var result = Parse("{}\n{\"type\":\"attachment\",\"length\":7,\"filename\":\"a.txt\"}\nab\ncdef\n{\"type\":\"event\"}\n{\"message\":\"hi\"}\n");

        Assert.True(result.IsSuccess);
        var items = result.Envelope!.Items;
        Assert.Equal(["attachment", "event"], items.Select(i => i.Type));
        Assert.Equal("ab\ncdef", Encoding.UTF8.GetString(items[0].Payload.Span));
        Assert.Equal("a.txt", items[0].FileName);
        Assert.Equal("{\"message\":\"hi\"}", Encoding.UTF8.GetString(items[1].Payload.Span));
    }

    [Fact]
    public void LengthPayloadMayEndAtEndOfInput()
    {
        var result = Parse("{}\n{\"type\":\"attachment\",\"length\":3}\nabc");

        Assert.True(result.IsSuccess);
        Assert.Equal("abc", Encoding.UTF8.GetString(result.Envelope!.Items[0].Payload.Span));
    }

    [Fact]
    public void UnknownItemTypesAreKeptNotRejected()
    {
        var result = Parse("{}\n{\"type\":\"hologram\"}\n{}\n{\"type\":\"event\"}\n{}\n");

        Assert.True(result.IsSuccess);
        Assert.False(result.Envelope!.Items[0].IsKnownType);
        Assert.True(result.Envelope.Items[1].IsKnownType);
    }

    [Fact]
    public void InvalidHeaderLineGivesNoEnvelopeAndAPosition()
    {
        var result = Parse("{\"event_id\": nope}\n");

        Assert.Null(result.Envelope);
        Assert.Contains("envelope header", result.Error!.Message);
        Assert.Equal(14, result.Error.Position); // the reader fails at the "o" of "nope"
    }

    [Fact]
    public void EventIdThatIsNotAUuidRejectsTheHeader()
    {
        var result = Parse("{\"event_id\":\"12345\"}\n");

        Assert.Null(result.Envelope);
        Assert.Contains("event_id", result.Error!.Message);
    }

    [Fact]
    public void WrongLengthKeepsEarlierItemsAndNamesTheBrokenOne()
    {
        var result = Parse("{}\n{\"type\":\"event\"}\n{}\n{\"type\":\"attachment\",\"length\":500}\nshort\n");

        Assert.Single(result.Envelope!.Items);
        Assert.StartsWith("item 2 declares length 500 but", result.Error!.Message);
        Assert.Equal(58, result.Error.Position); // where the payload starts
    }

    [Fact]
    public void PayloadLongerThanItsLengthIsAnError()
    {
        var result = Parse("{}\n{\"type\":\"attachment\",\"length\":2}\nabc\n");

        Assert.Empty(result.Envelope!.Items);
        Assert.Contains("not followed by a newline", result.Error!.Message);
    }

    [Fact]
    public void TruncatedEnvelopeIsAnError()
    {
        var full = Encoding.UTF8.GetString(Fixtures.Read("node-type-error.envelope"));
        var cut = full[..(full.IndexOf("{\"type\":\"event\"", StringComparison.Ordinal) + 10)];

        var result = Parse(cut);

        Assert.NotNull(result.Envelope);
        Assert.Empty(result.Envelope!.Items);
        Assert.Contains("item 1 header is not valid JSON", result.Error!.Message);
    }

    [Fact]
    public void ItemWithoutTypeIsAnError()
    {
        var result = Parse("{}\n{\"length\":2}\n{}\n");

        Assert.Equal("item 1 header has no \"type\"", result.Error!.Message);
        Assert.Equal(3, result.Error.Position);
    }

    [Fact]
    public void InvalidUtf8InAHeaderIsReportedWithItsOffset()
    {
        byte[] body = [.. "{\"a\":\""u8, 0xC3, 0x28, .. "\"}\n"u8];

        var result = EnvelopeParser.Parse(body);

        Assert.Null(result.Envelope);
        Assert.Contains("UTF-8", result.Error!.Message);
        Assert.Equal(6, result.Error.Position);
    }

    [Fact]
    public void BlankLinesBetweenItemsAndATrailingNewlineAreTolerated()
    {
        var result = Parse("{}\n{\"type\":\"event\"}\n{}\n\n{\"type\":\"session\"}\n{}\n\n");

        Assert.True(result.IsSuccess);
        Assert.Equal(2, result.Envelope!.Items.Count);
    }

    [Fact]
    public void GarbageNeverThrows()
    {
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            var result = EnvelopeParser.Parse(bytes);
            Assert.True(result.Envelope is not null || result.Error is not null);
        }
    }
}
