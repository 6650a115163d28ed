using Vigil.Features.Logs.Blocks;
using Vigil.Features.Logs.Query;
using Vigil.Protocols.LogQuery;
using Vigil.Protocols.Logs;
using static Vigil.Tests.Features.Logs.Blocks.StoredEvents;

namespace Vigil.Tests.Features.Logs.Blocks;

/// <summary>The in-memory filter gives the answers the SQL-compiled store gave on SQLite.</summary>
public sealed class LogFilterTests
{
    private static readonly StoredLogEvent Full = new()
    {
        Timestamp = 1_767_225_600_000, // 2026-01-01T00:00:00Z
        Level = LogLevel.Error,
        Message = "Payment failed for order 1001",
        Template = "Payment failed for order {OrderId}",
        Exception = "System.TimeoutException: gateway zanzibar timed out",
        Service = "checkout",
        Host = "web-1",
        Pid = 42,
        TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
        SpanId = "00f067aa0ba902b7",
        RequestId = "req-1",
        Environment = "prod",
        EventName = "CheckoutFailed",
        Properties = With("""
            {"service": "not-the-column", "note": "the quokka ate it", "n": 5.03e2, "ok": true,
             "nested": {"deep": ["Kiwi", 7]}, "customer": "Alice"}
            """).Properties,
    };

    [Theory]
    [InlineData("@t = 1767225600000")]
    [InlineData("timestamp >= '2026-01-01T00:00:00Z'")]
    [InlineData("@timestamp < '2026-01-01T00:00:00.001Z'")]
    [InlineData("@l = error")]
    [InlineData("severity = 4")]
    [InlineData("@level >= 'warn'")]
    [InlineData("@m = 'PAYMENT FAILED FOR ORDER 1001'")]
    [InlineData("msg like 'payment%'")]
    [InlineData("message = 'Payment failed for order 1001'")]
    [InlineData("@mt = 'Payment failed for order {OrderId}'")]
    [InlineData("@template like '%{orderid}'")]
    [InlineData("@x like '%TimeoutException%'")]
    [InlineData("exception like '%zanzibar%'")]
    [InlineData("service = 'CHECKOUT'")] // the column, not the property named service
    [InlineData("service.name = 'checkout'")]
    [InlineData("@service = 'checkout'")]
    [InlineData("host = 'web-1'")]
    [InlineData("host.name = 'WEB-1'")]
    [InlineData("pid = 42")]
    [InlineData("ProcessId = 42")]
    [InlineData("process.pid >= 40")]
    [InlineData("pid = '42'")]
    [InlineData("trace_id = '4BF92F3577B34DA6A3CE929D0E0E4736'")]
    [InlineData("TraceId = '4bf92f3577b34da6a3ce929d0e0e4736'")]
    [InlineData("@tr like '4bf9%'")]
    [InlineData("span_id = '00f067aa0ba902b7'")]
    [InlineData("SpanId = '00F067AA0BA902B7'")]
    [InlineData("request_id = 'REQ-1'")]
    [InlineData("RequestId = 'req-1'")]
    [InlineData("@environment = 'prod'")]
    [InlineData("deployment.environment = 'Prod'")]
    [InlineData("not service = 'not-the-column'")]
    public void BuiltInFieldsAndTheirAliasesReadTheEventsColumns(string query) =>
        Assert.True(Filter(query).Matches(Full), query);

    [Theory]
    [InlineData("http.request.method = 'post'", """{"http": {"request": {"method": "POST"}}, "http.request.method": "GET"}""", true)]
    [InlineData("http.request.method = 'get'", """{"http": {"request": {"method": "POST"}}, "http.request.method": "GET"}""", false)]
    [InlineData("http.request.method = 'get'", """{"http.request.method": "GET"}""", true)]
    [InlineData("http.request.method = 'get'", """{"http": {"request": {"method": null}}, "http.request.method": "GET"}""", true)]
    [InlineData("http.request.method = 'get'", """{"http": {"request": "GET"}}""", false)]
    [InlineData("http.request = 'get'", """{"http": {"request": "GET"}}""", true)]
    [InlineData("has(http.request.method)", """{"http.request.method": "GET"}""", true)]
    [InlineData("has(http.request.method)", """{"http": {"request": {"method": null}}}""", true)]
    [InlineData("has(http.request.method)", """{"http": {"request": {}}}""", false)]
    [InlineData("http.request.method = null", """{"http": {"request": {"method": null}}, "http.request.method": null}""", true)]
    [InlineData("a.b = 1", """{"a": [{"b": 1}]}""", false)]
    public void ADottedNameReadsNestedObjectsFirstAndFallsBackToAFlatKey(string query, string properties, bool matches) =>
        Assert.Equal(matches, Filter(query).Matches(With(properties)));

    [Theory]
    [InlineData("status = 500", false)]
    [InlineData("status != 500", false)]
    [InlineData("status < 1", false)]
    [InlineData("customer = 'alice'", false)]
    [InlineData("customer != 'alice'", false)]
    [InlineData("customer >= ''", false)]
    [InlineData("cached = true", false)]
    [InlineData("cached != true", false)]
    [InlineData("not status = 500", true)]
    [InlineData("not customer != 'alice'", true)]
    [InlineData("not (status = 500 and customer = 'x')", true)]
    [InlineData("host = 'web-1'", false)]
    [InlineData("host != 'web-1'", false)]
    [InlineData("not host = 'web-1'", true)]
    [InlineData("pid != 1", false)]
    [InlineData("@mt != 'x'", false)]
    [InlineData("not @mt = 'x'", true)]
    public void AComparisonOnAMissingValueIsFalseAndItsNegationTrue(string query, bool matches) =>
        Assert.Equal(matches, Filter(query).Matches(With("""{"other": 1}""")));

    [Theory]
    [InlineData("level = error", true)]
    [InlineData("level = ERR", true)]
    [InlineData("level = 4", true)]
    [InlineData("level >= warning", true)]
    [InlineData("level > error", false)]
    [InlineData("level < fatal", true)]
    [InlineData("level != error", false)]
    [InlineData("level in [fatal, error]", true)]
    [InlineData("level like '4'", true)] // like reads the level's number, as the SQL read the column
    public void LevelComparesByNumberWithNamesOrNumbers(string query, bool matches) =>
        Assert.Equal(matches, Filter(query).Matches(With(level: LogLevel.Error)));

    [Theory]
    [InlineData("@t = 1767225600000", true)]
    [InlineData("@t > '2025-12-31T23:59:59.999Z'", true)]
    [InlineData("@t > '2026-01-01T00:00:00Z'", false)]
    [InlineData("@t >= '2026-01-01T01:00:00+01:00'", true)]
    [InlineData("@t <= '2026-01-01'", true)] // no offset is UTC
    [InlineData("@t < 1767225600000", false)]
    public void TimestampComparesWithMillisecondsOrIso8601(string query, bool matches) =>
        Assert.Equal(matches, Filter(query).Matches(With(timestamp: 1_767_225_600_000)));

    [Theory]
    [InlineData("level = bogus", "'bogus' is not a level: use trace, debug, info, warning, error or fatal")]
    [InlineData("timeout or not level in [error, nope]", "'nope' is not a level: use trace, debug, info, warning, error or fatal")]
    [InlineData("@t > 'yesterday'", "'yesterday' is not a time: use ISO 8601 such as 2026-11-21T10:00:00Z")]
    [InlineData("not (@timestamp = true)", "'true' is not a time: use ISO 8601 such as 2026-11-21T10:00:00Z")]
    public void ALevelOrTimeThatMeansNothingFailsAtCompileWithTheSqlsMessage(string query, string message) =>
        Assert.Equal(message, Assert.Throws<LogQueryException>(() => Filter(query)).Message);

    [Theory]
    [InlineData("@service = 'CHECKOUT'", true)]
    [InlineData("@service != 'Checkout'", false)]
    [InlineData("@service != 'shipping'", true)]
    [InlineData("@service < 'D'", true)]
    [InlineData("@service <= 'CHECKOUT'", true)]
    [InlineData("@service > 'CHECK'", true)]
    [InlineData("@service >= 'checkouts'", false)]
    [InlineData("@host < 'a'", true)] // "_web": folded to lower case, '_' sorts before letters (SQLite's NOCASE)
    [InlineData("@host = '_WEB'", true)]
    [InlineData("@environment = 'ÉTÉ'", true)] // beyond ASCII too, as PostgreSQL's lower()
    [InlineData("@message = 'straße'", true)]
    [InlineData("@message = 'STRASSE'", false)]
    public void TextColumnsCompareIgnoringCase(string query, bool matches) =>
        Assert.Equal(matches, Filter(query).Matches(new StoredLogEvent { Service = "Checkout", Host = "_web", Environment = "été", Message = "Straße" }));

    [Theory]
    [InlineData("""{"status": 503}""", "status = 503", true)]
    [InlineData("""{"status": 5.03e2}""", "status = 503", true)]
    [InlineData("""{"status": 503}""", "status = 5.03e2", true)]
    [InlineData("""{"status": 503.0}""", "status >= 503", true)]
    [InlineData("""{"status": "503"}""", "status = 503", false)]
    [InlineData("""{"status": "503"}""", "status != 503", false)]
    [InlineData("""{"status": 404}""", "status != 503", true)]
    [InlineData("""{"status": 404}""", "status < 500", true)]
    [InlineData("""{"status": 404}""", "status > 404", false)]
    [InlineData("""{"status": true}""", "status = 1", false)]
    [InlineData("""{"status": [503]}""", "status = 503", false)]
    [InlineData("""{"big": 9007199254740993}""", "big > 9007199254740000", true)]
    public void ANumberLiteralComparesOnlyWithJsonNumbers(string properties, string query, bool matches) =>
        Assert.Equal(matches, Filter(query).Matches(With(properties)));

    [Theory]
    [InlineData("""{"cached": true}""", "cached = true", true)]
    [InlineData("""{"cached": true}""", "cached != true", false)]
    [InlineData("""{"cached": true}""", "cached = false", false)]
    [InlineData("""{"cached": true}""", "cached != false", true)]
    [InlineData("""{"cached": false}""", "cached = false", true)]
    [InlineData("""{"cached": 1}""", "cached = true", false)]
    [InlineData("""{"cached": "true"}""", "cached = true", false)]
    [InlineData("""{"cached": "yes"}""", "cached != true", true)]
    [InlineData("""{"cached": null}""", "cached != true", false)]
    [InlineData("""{}""", "cached != false", false)]
    [InlineData("""{"cached": true}""", "cached > false", true)] // ordering compares the text forms
    public void ABooleanLiteralMatchesJsonTrueAndFalse(string properties, string query, bool matches) =>
        Assert.Equal(matches, Filter(query).Matches(With(properties)));

    [Theory]
    [InlineData("""{"user": null}""", "user = null", true)]
    [InlineData("""{"user": null}""", "user != null", false)]
    [InlineData("""{"user": null}""", "has(user)", true)]
    [InlineData("""{"user": null}""", "user = 'null'", false)]
    [InlineData("""{}""", "user = null", true)]
    [InlineData("""{}""", "user != null", false)]
    [InlineData("""{}""", "has(user)", false)]
    [InlineData("""{"user": "carol"}""", "user != null", true)]
    [InlineData("""{"user": "carol"}""", "user = null", false)]
    [InlineData("""{"user": ""}""", "user != null", true)]
    [InlineData("""{"user": false}""", "has(user)", true)]
    public void NullMeansMissingOrJsonNullAndHasMeansTheKeyIsThere(string properties, string query, bool matches) =>
        Assert.Equal(matches, Filter(query).Matches(With(properties)));

    [Theory]
    [InlineData("host = null", true)]
    [InlineData("host != null", false)]
    [InlineData("has(host)", false)]
    [InlineData("has(@template)", false)]
    [InlineData("@template = null", true)]
    [InlineData("pid = null", true)]
    [InlineData("has(pid)", false)]
    [InlineData("has(@message)", true)]
    [InlineData("has(@level)", true)]
    [InlineData("@service != null", true)]
    [InlineData("has(service)", true)]
    public void AColumnIsNullWhenTheEventHasNone(string query, bool matches) =>
        Assert.Equal(matches, Filter(query).Matches(new StoredLogEvent { Service = "checkout" }));

    [Theory]
    [InlineData("""{"status": 503}""", "status = '503'", true)]
    [InlineData("""{"status": 5.03e2}""", "status = '5.03E2'", true)] // a number's JSON text, as sent
    [InlineData("""{"status": 5.0}""", "status = '5.0'", true)]
    [InlineData("""{"status": 5.0}""", "status = '5'", false)]
    [InlineData("""{"flag": true}""", "flag = 'TRUE'", true)]
    [InlineData("""{"flag": false}""", "flag = 'false'", true)]
    [InlineData("""{"obj": {"a": 1}}""", """obj = '{"a": 1}'""", true)]
    [InlineData("""{"arr": ["X", 2]}""", """arr = '["x", 2]'""", true)]
    [InlineData("""{"customer": "Alice"}""", "customer = 'ALICE'", true)]
    [InlineData("""{"customer": "Alice"}""", "customer != 'alice'", false)]
    [InlineData("""{"customer": "Alice"}""", "customer > 'AL'", true)]
    [InlineData("""{"customer": "Alice"}""", "customer < 'alicf'", true)]
    [InlineData("""{"customer": "A\u006cice \"the\" first"}""", """customer = 'alice "the" FIRST'""", true)]
    public void AStringLiteralComparesWithTheTextFormIgnoringCase(string properties, string query, bool matches) =>
        Assert.Equal(matches, Filter(query).Matches(With(properties)));

    [Fact]
    public void ALongStringPropertyComparesLikeAShortOne()
    {
        var text = string.Concat(Enumerable.Repeat("Abc", 200));
        Assert.True(Filter($"long = '{text.ToUpperInvariant()}'").Matches(With($$"""{"long": "{{text}}"}""")));
        Assert.True(Filter($"long like '%{text[^5..].ToUpperInvariant()}'").Matches(With($$"""{"long": "{{text}}"}""")));
        Assert.False(Filter($"long = '{text}x'").Matches(With($$"""{"long": "{{text}}"}""")));
    }

    [Theory]
    [InlineData("eu-west", "EU-%", true)]
    [InlineData("eu-west", "eu-_est", true)]
    [InlineData("eu-west", "eu_", false)]
    [InlineData("eu-west", "%WEST", true)]
    [InlineData("eu-west", "%-%", true)]
    [InlineData("eu-west", "eu-west%", true)]
    [InlineData("eu-west", "%%eu%%west%%", true)]
    [InlineData("eu-west", "%", true)]
    [InlineData("eu-west", "eu-wes", false)]
    [InlineData("eu-west", "u-west", false)]
    [InlineData("eu-west", "%east", false)]
    [InlineData("aXbXcXd", "%x%c_d", true)] // the % has to give back what it first took
    [InlineData("aXbXcXd", "%x%x%x%x%", false)]
    [InlineData("", "%", true)]
    [InlineData("", "_", false)]
    [InlineData("a😀b", "a_b", true)] // _ is one character, even outside the BMP
    [InlineData("ÉCOLE", "é%", true)]
    [InlineData("50%", "50\\%", false)] // no escape character: the backslash is literal
    public void LikeMatchesSqlPatternsIgnoringCase(string value, string pattern, bool matches)
    {
        var ev = With($$"""{"region": "{{value}}"}""");
        Assert.Equal(matches, LogFilter.Compile(new LikeNode(new FieldPath(["region"]), pattern, false, 0)).Matches(ev));
        Assert.Equal(!matches, LogFilter.Compile(new LikeNode(new FieldPath(["region"]), pattern, true, 0)).Matches(ev));
    }

    [Theory]
    [InlineData("""{}""", "region like '%'", false)]
    [InlineData("""{}""", "region not like 'us%'", true)]
    [InlineData("""{"region": null}""", "region not like 'us%'", true)]
    [InlineData("""{"status": 404}""", "status like '4%'", true)]
    [InlineData("""{"ok": true}""", "ok like 'TR%'", true)]
    [InlineData("""{"o": {"k": "v"}}""", "o like '{\"k\":%'", true)]
    public void LikeReadsTheTextFormAndNotLikeHoldsForAMissingValue(string properties, string query, bool matches) =>
        Assert.Equal(matches, Filter(query).Matches(With(properties)));

    [Fact]
    public void NotLikeOnAMissingColumnHolds()
    {
        Assert.True(Filter("host not like 'web%'").Matches(new StoredLogEvent()));
        Assert.False(Filter("host like '%'").Matches(new StoredLogEvent()));
    }

    [Theory]
    [InlineData("""{"status": 200}""", "status in [404, 200]", true)]
    [InlineData("""{"status": 500}""", "status in [404, 200]", false)]
    [InlineData("""{"status": "200"}""", "status in [404, 200]", false)]
    [InlineData("""{"status": 500}""", "status not in [404, 200]", true)]
    [InlineData("""{"status": 200}""", "status not in [404, 200]", false)]
    [InlineData("""{}""", "status not in [404, 200]", true)]
    [InlineData("""{}""", "status in [404, null]", true)]
    [InlineData("""{"customer": "alice"}""", "customer in ['BOB', 'ALICE']", true)]
    [InlineData("""{"flag": true}""", "flag in [false, true]", true)]
    public void InIsAnyOfTheEqualitiesAndNotInIsNoneOfThem(string properties, string query, bool matches) =>
        Assert.Equal(matches, Filter(query).Matches(With(properties)));

    [Theory]
    [InlineData("zanzibar", true)] // a word of the exception
    [InlineData("ZANZIBAR", true)]
    [InlineData("quokka", true)] // a word of a property value
    [InlineData("kiwi", true)] // nested in an array
    [InlineData("7", true)]
    [InlineData("503", true)] // 5.03e2 also counts as its shortest spelling
    [InlineData("03e2", true)] // and as sent
    [InlineData("true", true)]
    [InlineData("checkout", true)]
    [InlineData("web", true)]
    [InlineData("req", true)]
    [InlineData("prod", true)]
    [InlineData("checkoutfailed", true)] // the event name
    [InlineData("\"payment failed\"", true)]
    [InlineData("\"PAYMENT   failed, FOR\"", true)]
    [InlineData("\"failed payment\"", false)]
    [InlineData("\"order 1001 system\"", true)] // the message's words run on into the exception's
    [InlineData("\"the quokka\"", true)]
    [InlineData("\"quokka the\"", false)]
    [InlineData("pay", false)] // whole words only
    [InlineData("note", false)] // property names are not words
    [InlineData("customer", false)]
    [InlineData("OrderId", false)] // nor is the template
    [InlineData("4bf92f3577b34da6a3ce929d0e0e4736", false)] // nor the trace id, as in the SQL's full-text index
    [InlineData("payment zanzibar", true)] // two terms: both anywhere
    [InlineData("payment dingo", false)]
    public void FreeTextFindsWordsAndPhrasesAmongTheSearchableText(string query, bool matches) =>
        Assert.Equal(matches, Filter(query).Matches(Full));

    [Theory]
    [InlineData("a a b", "\"a b\"", true)]
    [InlineData("a a a b", "\"a a b\"", true)]
    [InlineData("a b a b c", "\"a b c\"", true)]
    [InlineData("a b a c", "\"a b c\"", false)]
    [InlineData("x y x y z", "\"x y x y z\"", true)]
    [InlineData("x y x x y z", "\"x y x y z\"", false)]
    public void APhraseIsFoundAfterAFalseStart(string message, string query, bool matches) =>
        Assert.Equal(matches, Filter(query).Matches(new StoredLogEvent { Message = message }));

    [Fact]
    public void TextWithoutWordsMatchesEverything()
    {
        var filter = LogFilter.Compile(new TextNode("--", true, 0));
        Assert.True(filter.Matches(new StoredLogEvent()));
        Assert.Empty(filter.RequiredWords);
    }

    [Fact]
    public void NoFilterMatchesEverythingAndRequiresNothing()
    {
        var filter = LogFilter.Compile(null);
        Assert.True(filter.Matches(new StoredLogEvent()));
        Assert.Empty(filter.RequiredWords);
    }

    [Theory]
    [InlineData("status = 404 or customer = 'bob'", """{"customer": "Bob"}""", true)]
    [InlineData("status = 404 or customer = 'bob'", """{"status": 500}""", false)]
    [InlineData("not (has(status) and status > 100) and elapsed > 300", """{"elapsed": 400}""", true)]
    [InlineData("not (has(status) and status > 100) and elapsed > 300", """{"elapsed": 400, "status": 200}""", false)]
    [InlineData("not not cached = true", """{"cached": true}""", true)]
    public void AndOrAndNotCombineLeaves(string query, string properties, bool matches) =>
        Assert.Equal(matches, Filter(query).Matches(With(properties)));

    /// <summary>The filter runs over millions of events a query: the usual leaves must not allocate.</summary>
    [Theory]
    [InlineData("status = 503")]
    [InlineData("status >= 500 and status != 404")]
    [InlineData("customer = 'ALICE'")]
    [InlineData("http.request.method = 'post'")]
    [InlineData("region like 'EU-%' or region not like '%x'")]
    [InlineData("\"ate it\"")]
    [InlineData("dingo")]
    [InlineData("level >= warning and not has(x) and @service = 'checkout'")]
    [InlineData("status in [500, 503] and cached = true and user != null")]
    public void MatchingAllocatesNothingForTheUsualFilters(string query)
    {
        var ev = With("""{"status": 503, "customer": "alice", "http.request.method": "POST", "region": "eu-west", "note": "the quokka ate it", "n": 1.5, "cached": true, "user": "u"}""",
            message: "Payment failed", level: LogLevel.Error);
        ev.Service = "checkout";
        var filter = Filter(query);
        filter.Matches(ev);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
            filter.Matches(ev);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData("timeout", "timeout")]
    [InlineData("\"Connection Refused\"", "connection refused")]
    [InlineData("timeout and @service = 'Check-Out'", "timeout check out")]
    [InlineData("timeout error", "timeout error")]
    [InlineData("timeout and (gateway or upstream)", "timeout")]
    [InlineData("timeout and timeout", "timeout")]
    [InlineData("timeout or error", "")]
    [InlineData("not timeout", "")]
    [InlineData("not (timeout and error)", "")]
    [InlineData("(a and b) or (a and c)", "")]
    [InlineData("status = 503", "503")]
    [InlineData("status = 5.03e2", "503")]
    [InlineData("status = 1.5", "1 5")]
    [InlineData("cached = true", "true")]
    [InlineData("cached = false", "false")]
    [InlineData("customer = 'Alice Smith'", "alice smith")]
    [InlineData("@message = 'Disk gone'", "disk gone")]
    [InlineData("@x = 'Boom'", "boom")]
    [InlineData("@host = 'web-1'", "web 1")]
    [InlineData("@trace_id = 'ABC'", "abc")]
    [InlineData("@span_id = 'def'", "def")]
    [InlineData("@request_id = 'req-1'", "req 1")]
    [InlineData("@environment = 'prod'", "prod")]
    [InlineData("obj = '{\"a\": \"x\"}'", "")] // an object's text holds its names, which are not words
    [InlineData("arr = '[\"x\"]'", "")]
    [InlineData("@template = 'Cache warm'", "")]
    [InlineData("level = error", "")]
    [InlineData("@t = 5", "")]
    [InlineData("pid = 42", "")]
    [InlineData("@message = 5", "")]
    [InlineData("x = null", "")]
    [InlineData("status != 500", "")]
    [InlineData("status >= 500", "")]
    [InlineData("status in [500]", "")]
    [InlineData("region like 'eu%'", "")]
    [InlineData("has(region)", "")]
    public void RequiredWordsAreWhatEveryMatchMustContain(string query, string words) =>
        Assert.Equal(words.Split(' ', StringSplitOptions.RemoveEmptyEntries), Filter(query).RequiredWords);

    [Theory]
    [InlineData("level = error", "error")]
    [InlineData("@l = 'warn'", "warning")]
    [InlineData("severity = 4", "error")]
    [InlineData("level >= warning", "warning error fatal")]
    [InlineData("level < info", "trace debug")]
    [InlineData("level <= info and level > trace", "debug information")]
    [InlineData("level != debug", "trace information warning error fatal")]
    [InlineData("level in [error, fatal]", "error fatal")]
    [InlineData("checkout and level = error and status = 500", "error")]
    [InlineData("level = error and level = info", "")]
    [InlineData("level = error or status = 500", "trace debug information warning error fatal")]
    [InlineData("not level = error", "trace debug information warning error fatal")]
    [InlineData("level not in [error]", "trace debug information warning error fatal")]
    [InlineData("status = 500", "trace debug information warning error fatal")]
    public void RequiredLevelsAreTheLevelsAMatchMayHave(string query, string levels) =>
        Assert.Equal(levels.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Enum.GetValues<LogLevel>().Where(l => (Filter(query).RequiredLevels & (1 << (int)l)) != 0).Select(l => l.ToString().ToLowerInvariant()));

    /// <summary>A level left out of the required ones would lose its blocks' matches.</summary>
    [Theory]
    [InlineData("level = error")]
    [InlineData("level >= warning and level < fatal")]
    [InlineData("level in [debug, error]")]
    [InlineData("level != info")]
    [InlineData("level = error or level = trace")]
    [InlineData("not level >= warning")]
    public void EveryMatchingEventsLevelIsARequiredOne(string query)
    {
        var filter = Filter(query);
        var matched = 0;
        foreach (var level in Enum.GetValues<LogLevel>())
        {
            if (!filter.Matches(new StoredLogEvent { Level = level, Message = "x" }))
                continue;
            matched++;
            Assert.NotEqual(0, filter.RequiredLevels & (1 << (int)level));
        }
        Assert.NotEqual(0, matched);
    }

    /// <summary>A required word an event could lack would lose it; every matching event here must
    /// hold all of them among the words the token filters index.</summary>
    [Theory]
    [InlineData("status = 503")]
    [InlineData("status = '5.03E2'")]
    [InlineData("status = 503 and cached = true")]
    [InlineData("obj = '{\"a\":\"x\"}'")]
    [InlineData("arr = '[\"X\",1]'")]
    [InlineData("http.request.method = 'post'")]
    [InlineData("customer = 'ALICE  smith'")]
    [InlineData("@service = 'CHECK-out' and \"alice smith\"")]
    [InlineData("@trace_id = 'abc' and @span_id = 'DEF'")]
    [InlineData("flag = 'TRUE'")]
    public void EveryMatchingEventHoldsTheRequiredWords(string query)
    {
        var events = new[]
        {
            With("""{"status": 5.03e2, "cached": true, "customer": "Alice Smith"}"""),
            With("""{"status": 503, "obj": {"a":"x"}, "arr": ["x",1], "flag": true}"""),
            With("""{"http.request.method": "POST", "customer": "alice  SMITH"}"""),
            new StoredLogEvent { Service = "check-out", TraceId = "ABC", SpanId = "def", Message = "for Alice Smith" },
        };
        var filter = Filter(query);
        var matching = events.Where(filter.Matches).ToList();
        Assert.NotEmpty(matching);
        foreach (var ev in matching)
            Assert.Empty(filter.RequiredWords.Except(IndexedWords(ev)));
    }

    private static HashSet<string> IndexedWords(StoredLogEvent ev)
    {
        var words = new HashSet<string>();
        foreach (var text in new[] { ev.Message, ev.Exception, ev.Service, ev.Host, ev.RequestId, ev.Environment, ev.EventName, ev.TraceId, ev.SpanId })
            words.UnionWith(LogTokens.Split(text));
        if (ev.Properties.ValueKind != System.Text.Json.JsonValueKind.Undefined)
            LogTokens.EachInValue(ev.Properties, word => words.Add(word));
        return words;
    }
}
