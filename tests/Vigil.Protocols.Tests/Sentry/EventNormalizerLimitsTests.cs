using System.Text;
using Vigil.Protocols.Sentry;

namespace Vigil.Protocols.Tests.Sentry;

public sealed class EventNormalizerLimitsTests
{
    private static EventNormalizeResult Try(string json) =>
        EventNormalizer.Normalize(Encoding.UTF8.GetBytes(json), Fixtures.Options);

    [Fact]
    public void InvalidJsonIsAnErrorWithAPosition()
    {
        var result = Try("{\"level\": \"error\",\n \"oops\" }");

        Assert.Null(result.Event);
        Assert.Contains("not valid JSON", result.Error!.Message);
        Assert.Equal(27, result.Error.Position); // the "}" where a ":" belongs, on the second line
    }

    [Fact]
    public void InvalidUtf8IsAnError()
    {
        byte[] json = [.. "{\"message\":\"caf"u8, 0xE9, .. "\"}"u8];

        var result = EventNormalizer.Normalize(json, Fixtures.Options);

        Assert.Contains("UTF-8", result.Error!.Message);
        Assert.Equal(15, result.Error.Position);
    }

    [Fact]
    public void DeepNestingIsAnErrorNotAnException()
    {
        var json = "{\"extra\":" + new string('[', 100) + new string(']', 100) + "}";

        var result = Try(json);

        Assert.Null(result.Event);
        Assert.Contains("JSON nested deeper than 64 levels", result.Error!.Message);
    }

    [Fact]
    public void TopLevelMustBeAnObject()
    {
        Assert.Contains("must be a JSON object", Try("[1,2]").Error!.Message);
        Assert.NotNull(Try("").Error);
    }

    [Fact]
    public void TenThousandFramesAreTrimmedKeepingBothEnds()
    {
        var frames = string.Join(',', Enumerable.Range(0, 10_000).Select(i => $$"""{"function":"f{{i}}","lineno":{{i}}}"""));
        var result = Try($$$"""{"exception":{"values":[{"type":"RecursionError","stacktrace":{"frames":[{{{frames}}}]}}]}}""");

        var kept = result.Event!.Payload["exception"]!["values"]![0]!["stacktrace"]!["frames"]!.AsArray();
        Assert.Equal(250, kept.Count);
        Assert.Equal("f0", (string?)kept[0]!["function"]);
        Assert.Equal("f9999", (string?)kept[^1]!["function"]);
        Assert.Equal(10_000, (int)result.Event.Payload["_meta"]!["exception.values.0.stacktrace.frames"]!["trimmed_from"]!);
    }

    [Fact]
    public void OnlyTheNewestBreadcrumbsAreKept()
    {
        var crumbs = string.Join(',', Enumerable.Range(0, 150).Select(i => $$"""{"message":"c{{i}}"}"""));

        var ev = Fixtures.Normalize($$$"""{"breadcrumbs":{"values":[{{{crumbs}}}]}}""");

        var kept = ev.Payload["breadcrumbs"]!["values"]!.AsArray();
        Assert.Equal(100, kept.Count);
        Assert.Equal("c50", (string?)kept[0]!["message"]);
        Assert.Equal(150, (int)ev.Payload["_meta"]!["breadcrumbs.values"]!["trimmed_from"]!);
    }

    [Fact]
    public void OversizedStringsAreTrimmedAndRecorded()
    {
        var ev = Fixtures.Normalize($$$"""{"extra":{"blob":"{{{new string('x', 10_000)}}}"}}""");

        var blob = (string)ev.Payload["extra"]!["blob"]!;
        Assert.Equal(8192, blob.Length);
        Assert.EndsWith("...", blob);
        Assert.Equal(10_000, (int)ev.Payload["_meta"]!["extra.blob"]!["trimmed_from"]!);
    }

    [Fact]
    public void FramesWithoutInAppGetADefault()
    {
        var ev = Fixtures.Normalize("""
            {"exception":{"values":[{"type":"E","stacktrace":{"frames":[
              {"filename":"/app/node_modules/express/router.js","function":"handle"},
              {"filename":"/app/src/orders.js","function":"load"}]}}]}}
            """);

        var frames = ev.Payload["exception"]!["values"]![0]!["stacktrace"]!["frames"]!.AsArray();
        Assert.False((bool)frames[0]!["in_app"]!);
        Assert.True((bool)frames[1]!["in_app"]!);
    }

    [Fact]
    public void ClientSuppliedMetaIsReplaced()
    {
        Assert.Null(Fixtures.Normalize("""{"_meta":{"fake":1}}""").Payload["_meta"]);
    }
}
