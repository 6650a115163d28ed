using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Tests.Support;
using static Vigil.Tests.Support.SentryPayloads;

namespace Vigil.Tests.Features.Errors.Ingest;

/// <summary>Malformed and hostile envelopes get a 4xx with a JSON detail naming the problem; what was
/// valid beside them is stored; the server stays healthy.</summary>
public sealed class BadInputTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    [Fact]
    public async Task InvalidJsonEventIsRejectedWithItsPosition()
    {
        var envelope = Envelope(NewEventId(), ("event", "{\"message\": oops}"u8.ToArray()));
        using var response = await server.SendEnvelopeAsync(envelope);
        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "item 1 (event)");
        await ProblemAssert.ServerIsHealthyAsync(server.Http);
    }

    [Fact]
    public async Task TruncatedEnvelopeIsRejected()
    {
        var full = EventEnvelope(Exception("TruncatedError", "cut short"));
        using var response = await server.SendEnvelopeAsync(full[..(full.Length - 40)]);
        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "declares length");
        await ProblemAssert.ServerIsHealthyAsync(server.Http);
    }

    [Fact]
    public async Task WrongItemLengthAfterAValidEventKeepsTheEvent()
    {
        var good = Exception("KeptBeforeBrokenFraming", "still stored");
        var envelope = Envelope(EventIdOf(good), EventItem(good));
        var broken = Encoding.UTF8.GetBytes("{\"type\":\"event\",\"length\":5}\n{\"message\":\"longer than five\"}\n");
        using var response = await server.SendEnvelopeAsync([.. envelope, .. broken]);
        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "framing");
        Assert.Contains(EventIdOf(good), await server.StoredEventIdsAsync());
        await ProblemAssert.ServerIsHealthyAsync(server.Http);
    }

    [Fact]
    public async Task UnknownItemTypeBesideAnEventIsSkippedAndTheEventStored()
    {
        var ev = Exception("BesideUnknownItem", "stored anyway");
        var envelope = Envelope(EventIdOf(ev), ("brand_new_thing", "{\"x\":1}"u8.ToArray()), EventItem(ev));
        using var response = await server.SendEnvelopeAsync(envelope);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(EventIdOf(ev), await server.StoredEventIdsAsync());
    }

    [Fact]
    public async Task WrongKeyIsUnauthorized()
    {
        var wrong = server.DefaultKey with { PublicKey = new string('0', 32) };
        using var response = await server.SendEnvelopeAsync(EventEnvelope(Exception("WrongKey", "x")), wrong);
        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "Unknown Sentry key");
        await ProblemAssert.ServerIsHealthyAsync(server.Http);
    }

    [Fact]
    public async Task KeyOfAnotherProjectIdIsNotFound()
    {
        var elsewhere = server.DefaultKey with { ProjectId = server.DefaultProject.Id + 1000 };
        using var response = await server.SendEnvelopeAsync(EventEnvelope(Exception("OtherProject", "x")), elsewhere);
        await ProblemAssert.IsAsync(response, HttpStatusCode.NotFound, $"No project {server.DefaultProject.Id + 1000}");
    }

    [Fact]
    public async Task InvalidUtf8IsRejected()
    {
        var payload = Encoding.UTF8.GetBytes(Exception("BadBytes", "PLACEHOLDER").ToJsonString());
        var at = payload.AsSpan().IndexOf("PLACEHOLDER"u8);
        payload[at] = 0xC3;
        payload[at + 1] = 0x28; // 0xC3 must be followed by a continuation byte
        using var response = await server.SendEnvelopeAsync(Envelope(NewEventId(), ("event", payload)));
        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "UTF-8");
        await ProblemAssert.ServerIsHealthyAsync(server.Http);
    }

    [Fact]
    public async Task JsonNestedDeeperThanTheLimitIsRejected()
    {
        var deep = new StringBuilder("{\"extra\":{\"a\":");
        for (var i = 0; i < 200; i++)
            deep.Append('[');
        for (var i = 0; i < 200; i++)
            deep.Append(']');
        deep.Append("}}");
        using var response = await server.SendEnvelopeAsync(Envelope(NewEventId(), ("event", Encoding.UTF8.GetBytes(deep.ToString()))));
        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "nested deeper");
        await ProblemAssert.ServerIsHealthyAsync(server.Http);
    }

    [Fact]
    public async Task EventWithTenThousandFramesIsStoredTrimmedAndTheTrimRecorded()
    {
        var ev = Exception("DeepRecursion", "stack overflow");
        // Small frames, so the event stays under the 1 MB event limit: this is about frame count.
        var frames = new JsonArray();
        for (var i = 0; i < 10_000; i++)
            frames.Add(new JsonObject { ["function"] = $"Step{i}", ["lineno"] = i + 1 });
        ev["exception"]!["values"]![0]!["stacktrace"]!["frames"] = frames;
        await server.AcceptAsync(ev);
        var issue = (await server.IssuesAsync()).Single(i => i!["title"]!.GetValue<string>().StartsWith("DeepRecursion"))!;
        var stored = await server.LatestEventAsync(issue["id"]!.GetValue<long>());
        var storedFrames = stored["exception"]!["values"]![0]!["stacktrace"]!["frames"]!.AsArray();
        Assert.InRange(storedFrames.Count, 1, 1000);
        Assert.Equal("Step9999", storedFrames[^1]!["function"]!.GetValue<string>());
        var trim = stored["_meta"]!["exception.values.0.stacktrace.frames"]!;
        Assert.Equal(10_000, trim["trimmed_from"]!.GetValue<int>());
    }
}
