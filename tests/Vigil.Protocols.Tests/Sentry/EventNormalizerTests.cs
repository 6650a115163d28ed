using System.Text.Json.Nodes;
using Vigil.Protocols.Sentry;

namespace Vigil.Protocols.Tests.Sentry;

public sealed class EventNormalizerTests
{
    [Fact]
    public void NodeTypeErrorHasTitleCulpritAndContext()
    {
        var ev = Fixtures.Event("node-type-error.envelope");

        Assert.Equal("TypeError: Cannot read properties of undefined (reading 'customer')", ev.Title);
        Assert.Equal("capture-node in loadOrder", ev.Culprit);
        Assert.Equal("TypeError", ev.ExceptionType);
        Assert.Equal("error", ev.Level);
        Assert.Equal("node", ev.Platform);
        Assert.Equal("capture@1.0.0", ev.Release);
        Assert.Equal("fixtures", ev.Environment);
        Assert.Equal("id:42", ev.UserKey);
        Assert.Equal("eu-west-1", ev.Tag("region"));
        Assert.Equal("capture@1.0.0", ev.Tag("release"));
        Assert.Equal("error", ev.Tag("level"));
        Assert.Matches("^[0-9a-f]{32}$", ev.TraceId);
        Assert.Equal(2, ev.Payload["breadcrumbs"]!["values"]!.AsArray().Count);
    }

    [Fact]
    public void NodeCaptureMessageKeepsItsLevelAndText()
    {
        var ev = Fixtures.Event("node-message.envelope");

        Assert.Equal("warning", ev.Level);
        Assert.Equal("Order 12345 could not be shipped", ev.Title);
        Assert.Equal("Order 12345 could not be shipped", ev.Message);
    }

    [Fact]
    public void NodeCauseChainPutsTheOuterExceptionLast()
    {
        var ev = Fixtures.Event("node-cause-chain.envelope");

        var types = ev.Payload["exception"]!["values"]!.AsArray().Select(e => (string?)e!["type"]);
        Assert.Equal(["RangeError", "Error"], types);
        Assert.Equal("Error: startup failed", ev.Title);
        Assert.Equal("startup", ev.Tag("phase"));
    }

    [Fact]
    public void BrowserCapturedErrorHasTitleCulpritRequestAndUser()
    {
        var ev = Fixtures.Event("browser-captured-error.envelope");

        Assert.Equal("TypeError: Cannot read properties of null (reading 'items')", ev.Title);
        Assert.EndsWith(" in renderCart", ev.Culprit);
        Assert.Equal("javascript", ev.Platform);
        Assert.Equal("id:7", ev.UserKey);
        Assert.Equal("checkout", ev.Tag("page"));
        Assert.Equal("browser-capture@1.0.0", ev.Release);
        Assert.IsType<JsonArray>(ev.Payload["request"]!["headers"]);
    }

    [Fact]
    public void BrowserUncaughtErrorIsUnhandled()
    {
        var ev = Fixtures.Event("browser-uncaught-error.envelope");

        Assert.Equal("Error: uncaught in timer 42", ev.Title);
        Assert.False((bool)ev.Payload["exception"]!["values"]![0]!["mechanism"]!["handled"]!);
    }

    [Fact]
    public void EnvelopeEventIdWinsOverThePayloads()
    {
        var ev = Fixtures.Normalize("""{"event_id":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}""",
            Fixtures.Options with { EventIdOverride = "BBBBBBBB-BBBB-BBBB-BBBB-BBBBBBBBBBBB" });

        Assert.Equal("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", ev.EventId);
        Assert.Equal(ev.EventId, (string?)ev.Payload["event_id"]);
    }

    [Fact]
    public void MissingEventIdIsGenerated()
    {
        Assert.Matches("^[0-9a-f]{32}$", Fixtures.Normalize("{}").EventId);
    }

    [Theory]
    [InlineData("1700000000.5", "2023-11-14T22:13:20.5000000+00:00")]
    [InlineData("\"2023-11-14T22:13:20Z\"", "2023-11-14T22:13:20.0000000+00:00")]
    [InlineData("\"2023-11-14T22:13:20.250\"", "2023-11-14T22:13:20.2500000+00:00")]
    [InlineData("\"2023-11-14T23:13:20+01:00\"", "2023-11-14T22:13:20.0000000+00:00")]
    [InlineData("\"not a date\"", "2100-01-01T00:00:00.0000000+00:00")]
    [InlineData("4102444800000", "2100-01-01T00:00:00.0000000+00:00")]
    public void TimestampsAreReadInEveryShape(string json, string expected)
    {
        var ev = Fixtures.Normalize($$"""{"timestamp":{{json}}}""");

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ev.Timestamp);
        Assert.IsType<double>(ev.Payload["timestamp"]!.GetValue<double>());
    }

    [Fact]
    public void FarFutureTimestampIsClampedToReceivedAt()
    {
        var options = Fixtures.Options with { ReceivedAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero) };

        var ev = Fixtures.Normalize("""{"timestamp":"2030-01-01T00:00:00Z"}""", options);

        Assert.Equal(options.ReceivedAt, ev.Timestamp);
    }

    [Theory]
    [InlineData("warn", "warning")]
    [InlineData("critical", "fatal")]
    [InlineData("log", "info")]
    [InlineData("DEBUG", "debug")]
    [InlineData("nonsense", "error")]
    public void LevelSynonymsAreMapped(string sent, string expected)
    {
        Assert.Equal(expected, Fixtures.Normalize($$"""{"level":"{{sent}}"}""").Level);
    }

    [Fact]
    public void BareExceptionArrayAndTagPairsAreCanonicalised()
    {
        var ev = Fixtures.Normalize("""
            {"exception":[{"type":"ValueError","value":"bad"}],
             "tags":[["browser","Firefox"],["count",3]],
             "breadcrumbs":[{"message":"a"}]}
            """);

        Assert.Equal("ValueError: bad", ev.Title);
        Assert.IsType<JsonArray>(ev.Payload["exception"]!["values"]);
        Assert.IsType<JsonArray>(ev.Payload["breadcrumbs"]!["values"]);
        Assert.Equal("3", ev.Tag("count"));
        Assert.Equal("""[["browser","Firefox"],["count","3"],["level","error"]]""", ev.Payload["tags"]!.ToJsonString());
    }

    [Fact]
    public void LongTagKeysAndValuesAreCut()
    {
        var ev = Fixtures.Normalize($$$"""{"tags":{"{{{new string('k', 40)}}}":"{{{new string('v', 300)}}}"}}""");

        Assert.Equal(32, ev.Tags[0].Key.Length);
        Assert.Equal(200, ev.Tags[0].Value.Length);
    }

    [Theory]
    [InlineData("""{"logentry":{"message":"User %s has %d items","params":["ada",3]}}""", "User ada has 3 items")]
    [InlineData("""{"logentry":{"message":"User {0} has {1} items","params":["ada",3]}}""", "User ada has 3 items")]
    [InlineData("""{"logentry":{"message":"User {name} logged in","params":{"name":"ada"}}}""", "User ada logged in")]
    [InlineData("""{"message":{"formatted":"already done","message":"x"}}""", "already done")]
    [InlineData("""{"message":"plain text"}""", "plain text")]
    public void MessagesAreFormatted(string json, string expected)
    {
        var ev = Fixtures.Normalize(json);

        Assert.Equal(expected, ev.Message);
        Assert.Equal(expected, ev.Title);
        Assert.Null(ev.Payload["message"]);
    }

    [Fact]
    public void EventWithNothingIsUnlabeled()
    {
        var ev = Fixtures.Normalize("{}");

        Assert.Equal("<unlabeled event>", ev.Title);
        Assert.Equal("", ev.Culprit);
        Assert.Equal("other", ev.Platform);
        Assert.Null(ev.UserKey);
    }

    [Theory]
    [InlineData("""{"user":{"email":"a@b.c","ip_address":"1.2.3.4"}}""", "email:a@b.c")]
    [InlineData("""{"user":{"username":"ada"}}""", "username:ada")]
    [InlineData("""{"user":{"ip_address":"1.2.3.4"}}""", "ip:1.2.3.4")]
    [InlineData("""{"user":{"id":7}}""", "id:7")]
    public void UserKeyUsesTheStrongestIdentifier(string json, string expected)
    {
        Assert.Equal(expected, Fixtures.Normalize(json).UserKey);
    }

    [Fact]
    public void RequestHeadersAndCookieStringBecomePairs()
    {
        var ev = Fixtures.Normalize("""{"request":{"headers":{"Accept":"*/*"},"cookies":"a=1; b=2"}}""");

        Assert.Equal("""[["Accept","*/*"]]""", ev.Payload["request"]!["headers"]!.ToJsonString());
        Assert.Equal("""[["a","1"],["b","2"]]""", ev.Payload["request"]!["cookies"]!.ToJsonString());
    }

    [Fact]
    public void CulpritFallsBackToTransaction()
    {
        Assert.Equal("GET /orders", Fixtures.Normalize("""{"transaction":"GET /orders"}""").Culprit);
    }

    [Fact]
    public void FingerprintIsKept()
    {
        Assert.Equal(["{{ default }}", "db"], Fixtures.Normalize("""{"fingerprint":["{{ default }}","db"]}""").Fingerprint);
    }
}
