using System.Text.Json.Nodes;
using Vigil.Protocols.Sentry;

namespace Vigil.Protocols.Tests.Sentry;

public sealed class PiiScrubberTests
{
    private static (JsonObject Payload, int Count) Scrub(string json, ScrubOptions? options = null)
    {
        var payload = Fixtures.Normalize(json).Payload;
        var count = PiiScrubber.Scrub(payload, options ?? new ScrubOptions());
        return (payload, count);
    }

    [Fact]
    public void PasswordInExtraIsFiltered()
    {
        var (payload, count) = Scrub("""{"extra":{"db_password":"hunter2","user_count":3}}""");

        Assert.Equal("[Filtered]", (string?)payload["extra"]!["db_password"]);
        Assert.Equal(3, (int)payload["extra"]!["user_count"]!);
        Assert.Equal(1, count);
    }

    [Fact]
    public void AuthorizationAndCookieHeadersAndCookieValuesAreFiltered()
    {
        var (payload, _) = Scrub("""
            {"request":{"headers":{"Authorization":"Bearer abc","Cookie":"sid=1","Accept":"*/*","X-Api-Key":"k"},
                        "cookies":{"theme":"dark"},"query_string":"page=2&access_token=xyz"}}
            """);

        var request = payload["request"]!;
        Assert.Equal("""[["Authorization","[Filtered]"],["Cookie","[Filtered]"],["Accept","*/*"],["X-Api-Key","[Filtered]"]]""",
            request["headers"]!.ToJsonString());
        Assert.Equal("""[["theme","[Filtered]"]]""", request["cookies"]!.ToJsonString());
        Assert.Equal("page=2&access_token=[Filtered]", (string?)request["query_string"]);
    }

    [Fact]
    public void CardNumberInsideAMessageIsFiltered()
    {
        var (payload, count) = Scrub("""{"message":"charge failed for 4111 1111 1111 1111 today"}""");

        Assert.Equal("charge failed for [Filtered] today", (string?)payload["logentry"]!["formatted"]);
        Assert.Equal("charge failed for [Filtered] today", (string?)payload["title"]);
        Assert.True(count >= 1);
    }

    [Theory]
    [InlineData("order 4111111111111112 shipped")] // fails Luhn
    [InlineData("trace 4111111111111111abc")] // glued to letters: part of an id
    [InlineData("version 1.2.3")]
    public void NumbersThatAreNotCardsAreKept(string text)
    {
        var (payload, count) = Scrub($$$"""{"extra":{"note":"{{{text}}}"}}""");

        Assert.Equal(text, (string?)payload["extra"]!["note"]);
        Assert.Equal(0, count);
    }

    [Fact]
    public void SafeFieldsAreNeverFiltered()
    {
        var options = new ScrubOptions { SafeFields = ["csrf_token"] };

        var (payload, _) = Scrub("""{"extra":{"csrf_token":"keep-me","token":"drop-me"}}""", options);

        Assert.Equal("keep-me", (string?)payload["extra"]!["csrf_token"]);
        Assert.Equal("[Filtered]", (string?)payload["extra"]!["token"]);
    }

    [Fact]
    public void ExtraFieldsAreFilteredToo()
    {
        var (payload, _) = Scrub("""{"user":{"id":"1","ssn":"123-45-6789"}}""", new ScrubOptions { ExtraFields = ["ssn"] });

        Assert.Equal("[Filtered]", (string?)payload["user"]!["ssn"]);
        Assert.Equal("1", (string?)payload["user"]!["id"]);
    }

    [Fact]
    public void FrameVarsBreadcrumbDataAndContextsAreWalkedButStructureIsKept()
    {
        var (payload, count) = Scrub("""
            {"exception":{"values":[{"type":"AuthError","value":"token expired","stacktrace":{"frames":[
               {"function":"check_token","module":"auth","vars":{"session_id":"s1","n":1}}]}}]},
             "breadcrumbs":[{"category":"auth","data":{"secret":{"a":"b","c":["d"]}}}],
             "contexts":{"app":{"api_key":"k"}}}
            """);

        var exception = payload["exception"]!["values"]![0]!;
        Assert.Equal("AuthError", (string?)exception["type"]);
        Assert.Equal("token expired", (string?)exception["value"]);
        Assert.Equal("check_token", (string?)exception["stacktrace"]!["frames"]![0]!["function"]);
        Assert.Equal("[Filtered]", (string?)exception["stacktrace"]!["frames"]![0]!["vars"]!["session_id"]);
        Assert.Equal("""{"a":"[Filtered]","c":["[Filtered]"]}""", payload["breadcrumbs"]!["values"]![0]!["data"]!["secret"]!.ToJsonString());
        Assert.Equal("[Filtered]", (string?)payload["contexts"]!["app"]!["api_key"]);
        Assert.Equal(4, count); // session_id, secret.a, secret.c[0], api_key
    }

    [Fact]
    public void IdsAreNotMistakenForCards()
    {
        var (payload, count) = Scrub("""{"contexts":{"trace":{"trace_id":"4111111111111111aaaaaaaaaaaaaaaa"}}}""");

        Assert.Equal(0, count);
        Assert.Equal("4111111111111111aaaaaaaaaaaaaaaa", (string?)payload["contexts"]!["trace"]!["trace_id"]);
    }

    [Fact]
    public void DisabledScrubbingChangesNothing()
    {
        var (payload, count) = Scrub("""{"extra":{"password":"x"}}""", new ScrubOptions { Enabled = false });

        Assert.Equal(0, count);
        Assert.Equal("x", (string?)payload["extra"]!["password"]);
    }
}
