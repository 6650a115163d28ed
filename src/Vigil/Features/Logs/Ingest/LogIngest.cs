using Microsoft.Extensions.Options;
using Vigil.Features.Logs.Blocks;
using Vigil.Features.Logs.Storage;
using Vigil.Features.Projects;
using Vigil.Infrastructure.Hosting;
using Vigil.Infrastructure.Ingest;
using Vigil.Infrastructure.Observability;
using Vigil.Protocols;
using Vigil.Protocols.Logs;

namespace Vigil.Features.Logs.Ingest;

/// <summary>The log ingest edge: read body → authenticate → parse into records (bad records
/// counted, their neighbours kept) → limit → enqueue → answer after commit, in the format's own
/// way (OTLP partial success, Seq's 201, plain JSON for NDJSON).</summary>
public sealed class LogIngest(
    ProjectKeyCache keys,
    ProjectRateLimiter limiter,
    IngestQueue<LogWork> queue,
    VigilMetrics metrics,
    IOptions<VigilOptions> options,
    TimeProvider clock)
{
    private const string Stream = LogWriter.Stream;

    public async Task<IResult> IngestAsync(HttpContext context, LogFormat format)
    {
        var settings = options.Value.Ingest;
        // The key is in the headers or the query, so a sender without a valid one is turned away
        // before its body is read.
        var authentication = await IngestAuthentication.AuthenticateAsync(keys, context.Request, context.RequestAborted);
        if (authentication.Identity is not { } identity)
            return Reject(authentication.Status, authentication.Error!, "unauthorized");
        var body = await BodyReader.ReadAsync(context.Request, settings.MaxEnvelopeBytes, settings.MaxDecompressedBytes, context.RequestAborted);
        if (!body.Ok)
            return Reject(body.StatusCode, body.Error!, body.StatusCode == 413 ? "too_large" : "invalid");
        if (body.Length == 0 && format is LogFormat.Clef or LogFormat.SeqJson)
            return SeqAccepted(); // Serilog's Seq sink posts an empty body when idle to learn the minimum level.
        var now = clock.GetUtcNow();
        // Encoding is most of a request's cost: a queue already full refuses before it, not after.
        var parsed = Parse(format, body.Memory.Span, now, encode: queue.Depth < queue.Capacity);
        if (parsed.Fatal is not null)
            return Reject(400, $"The body is not valid {Describe(format)}: {parsed.Fatal}", "invalid");
        if (parsed.Errors.Count > 0)
            metrics.Rejected.Add(Stream, "invalid", parsed.Errors.Count);
        if (parsed.Accepted > 0)
        {
            var project = identity.Project;
            if (!limiter.TryAcquire(project.Id, project.Settings.RateLimitPerMinute, parsed.Accepted))
            {
                parsed.Events?.Dispose();
                metrics.Rejected.Add(Stream, "rate_limited", parsed.Accepted);
                return Busy(format, 60, $"Project '{project.Slug}' is over its limit of {project.Settings.RateLimitPerMinute} items per minute.");
            }
            var events = parsed.Events ?? (queue.Depth < queue.Capacity ? EncodedLogs.Encode(parsed.Records) : null);
            var committed = events is null ? null : queue.TryEnqueue(new LogWork(project.Id, events));
            if (committed is null)
            {
                events?.Dispose();
                metrics.Rejected.Add(Stream, "queue_full", parsed.Accepted);
                return Busy(format, settings.RetryAfterSeconds, "Vigil is busy: the log queue is full. Retry after the given seconds.");
            }
            try
            {
                await committed;
            }
            catch (Exception)
            {
                metrics.Rejected.Add(Stream, "storage_failed", parsed.Accepted);
                return Busy(format, settings.RetryAfterSeconds, "Vigil could not store the events; nothing was acknowledged. Retry later.", 503);
            }
        }
        return Answer(format, parsed);
    }

    /// <summary>A request's records: as <see cref="LogRecord"/>s, or for OTLP protobuf already encoded
    /// (<paramref name="encode"/>) or only counted (the queue is full and they will be refused).</summary>
    private static Parsed Parse(LogFormat format, ReadOnlySpan<byte> body, DateTimeOffset now, bool encode)
    {
        if (format == LogFormat.OtlpProtobuf && encode)
        {
            var encoded = EncodedLogs.EncodeOtlp(body, now, out var fatal);
            return new Parsed([], encoded?.Count ?? 0, encoded?.Errors ?? [], fatal, encoded);
        }
        var result = format switch
        {
            LogFormat.OtlpProtobuf => OtlpLogsDecoder.DecodeProtobuf(body, now),
            LogFormat.OtlpJson => OtlpLogsDecoder.DecodeJson(body, now),
            LogFormat.Clef => ClefParser.Parse(body, now),
            LogFormat.SeqJson => ClefParser.ParseSeqJson(body, now),
            _ => NdjsonLogParser.Parse(body, now),
        };
        return new Parsed(result.Records, result.Records.Count, result.Errors, result.Fatal, null);
    }

    private sealed record Parsed(IReadOnlyList<LogRecord> Records, int Accepted, IReadOnlyList<LogLineError> Errors, ParseError? Fatal, EncodedLogs? Events);

    private static IResult Answer(LogFormat format, Parsed parsed)
    {
        var causes = parsed.Errors.Take(20).Select(e => $"line {e.Line}: {e.Message}").ToList();
        switch (format)
        {
            case LogFormat.OtlpProtobuf:
                // The OTLP spec answers a partly bad batch with 200 and partial_success, which exporters do not retry.
                return Results.Bytes(OtlpResponses.ExportLogsPartialSuccessProtobuf(parsed.Errors.Count, causes.FirstOrDefault()), "application/x-protobuf");
            case LogFormat.OtlpJson:
                return Results.Bytes(OtlpResponses.ExportLogsPartialSuccessJson(parsed.Errors.Count, causes.FirstOrDefault()), "application/json");
        }
        if (parsed.Errors.Count > 0)
        {
            return Results.Json(new { detail = $"{parsed.Errors.Count} of {parsed.Errors.Count + parsed.Accepted} events were rejected; the others were stored.",
                accepted = parsed.Accepted, causes }, statusCode: 400);
        }
        return format is LogFormat.Clef or LogFormat.SeqJson ? SeqAccepted() : Results.Json(new { accepted = parsed.Accepted });
    }

    private IResult Reject(int status, string detail, string reason)
    {
        metrics.Rejected.Add(Stream, reason);
        return Results.Json(new { detail, causes = new[] { detail } }, statusCode: status);
    }

    private static IResult Busy(LogFormat format, int seconds, string detail, int status = 429) =>
        new HeaderResult(Results.Json(new { detail, causes = new[] { detail } }, statusCode: status), "Retry-After", seconds.ToString());

    /// <summary>What Seq answers, and what Serilog's Seq sink reads its minimum level from.</summary>
    /// <remarks>Written literally: the sink looks for the PascalCase key with an ordinal search, and the
    /// web JSON defaults would camel-case it.</remarks>
    private static IResult SeqAccepted() => Results.Text("""{"MinimumLevelAccepted":null}""", "application/json", statusCode: 201);

    private static string Describe(LogFormat format) => format switch
    {
        LogFormat.OtlpProtobuf => "OTLP protobuf",
        LogFormat.OtlpJson => "OTLP JSON",
        LogFormat.Clef => "CLEF",
        LogFormat.SeqJson => "Seq JSON",
        _ => "NDJSON",
    };
}
