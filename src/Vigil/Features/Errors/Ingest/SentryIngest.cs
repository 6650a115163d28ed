using System.Text.Json;
using Microsoft.Extensions.Options;
using Vigil.Features.Errors.Storage;
using Vigil.Features.Projects;
using Vigil.Infrastructure.Hosting;
using Vigil.Infrastructure.Ingest;
using Vigil.Infrastructure.Observability;
using Vigil.Protocols.Sentry;

namespace Vigil.Features.Errors.Ingest;

/// <summary>The Sentry ingest edge, as its stages: authenticate → read body → limit → parse →
/// normalize, scrub and fingerprint each item → enqueue → answer once the batch committed.
/// Every item ends stored or counted under a reason; a bad item never costs its neighbours.</summary>
public sealed class SentryIngest(
    ProjectKeyCache keys,
    ProjectRateLimiter limiter,
    IngestQueue<SentryWork> queue,
    VigilMetrics metrics,
    IOptions<VigilOptions> options,
    TimeProvider clock)
{
    private static readonly HashSet<string> StoredTypes = ["session", "sessions", "check_in"];
    private static readonly HashSet<string> FilteredTypes =
        ["transaction", "attachment", "client_report", "user_report", "profile", "profile_chunk", "replay_event", "replay_recording", "replay_video", "span", "log", "otel_log", "statsd", "metric_buckets", "feedback"];

    public async Task<IResult> EnvelopeAsync(HttpContext context, string projectId)
    {
        // A key in the headers or the query is checked before the body is read, so a sender without
        // a valid one costs no decompression; only a key-less request waits for its envelope's DSN.
        var early = KeyOutsideBody(context.Request) is null ? default : await AuthenticateAsync(context, projectId, null);
        if (early.Error is not null)
            return early.Error;
        var body = await ReadAsync(context);
        if (!body.Ok)
            return RejectBody(body);
        var parsed = EnvelopeParser.Parse(body.Memory);
        if (parsed.Envelope is null)
            return Reject(400, $"Invalid envelope: {Describe(parsed.Error)}", IngestOutcome.Invalid);
        var identity = early.Identity is not null ? early : await AuthenticateAsync(context, projectId, parsed.Envelope.Dsn);
        if (identity.Error is not null)
            return identity.Error;
        var project = identity.Identity!.Project;
        var work = new SentryWork(project.Id, clock.GetUtcNow().ToUnixTimeMilliseconds());
        var causes = new List<string>();
        var tooLarge = 0;
        if (parsed.Error is not null)
        {
            causes.Add($"Envelope framing broke, later items were not read: {Describe(parsed.Error)}");
            metrics.Rejected.Add(EventWriter.Stream, IngestOutcome.Invalid);
        }
        string? eventId = parsed.Envelope.EventId;
        for (var index = 0; index < parsed.Envelope.Items.Count; index++)
        {
            var item = parsed.Envelope.Items[index];
            if (item.Type == "event")
            {
                var error = AddEvent(work, project, item.Payload, parsed.Envelope.EventId, out var id);
                eventId ??= id;
                if (error is not null)
                {
                    causes.Add($"Item {index + 1} (event): {error.Value.Message}");
                    tooLarge += error.Value.TooLarge ? 1 : 0;
                }
            }
            else if (StoredTypes.Contains(item.Type))
            {
                work.Items.Add(new StoredItem(item.Type, System.Text.Encoding.UTF8.GetString(item.Payload.Span)));
            }
            else
            {
                metrics.Rejected.Add(item.Type.Length <= 32 ? item.Type : "other",
                    FilteredTypes.Contains(item.Type) ? IngestOutcome.Filtered : IngestOutcome.UnknownItemType);
            }
        }
        var commit = await EnqueueAsync(work, project);
        if (commit is not null)
            return commit;
        if (causes.Count > 0)
            return Problem(tooLarge == causes.Count ? 413 : 400, causes[0], causes);
        return Results.Json(new { id = eventId });
    }

    public async Task<IResult> StoreAsync(HttpContext context, string projectId)
    {
        var identity = await AuthenticateAsync(context, projectId, null);
        if (identity.Error is not null)
            return identity.Error;
        var body = await ReadAsync(context, options.Value.Ingest.MaxEventBytes);
        if (!body.Ok)
            return RejectBody(body);
        var project = identity.Identity!.Project;
        var payload = StoreBody.Decode(body.Memory, options.Value.Ingest.MaxEventBytes);
        var work = new SentryWork(project.Id, clock.GetUtcNow().ToUnixTimeMilliseconds());
        var error = AddEvent(work, project, payload, null, out var eventId);
        if (error is not null)
            return Problem(error.Value.TooLarge ? 413 : 400, error.Value.Message, [error.Value.Message]);
        return await EnqueueAsync(work, project) ?? Results.Json(new { id = eventId });
    }

    private (string Message, bool TooLarge)? AddEvent(SentryWork work, Project project, ReadOnlyMemory<byte> payload, string? headerEventId, out string? eventId)
    {
        eventId = null;
        var limit = options.Value.Ingest.MaxEventBytes;
        if (payload.Length > limit)
        {
            metrics.Rejected.Add(EventWriter.Stream, IngestOutcome.TooLarge);
            return ($"The event is {payload.Length} bytes; the limit is {limit}.", true);
        }
        var scrub = project.Settings.ScrubPii
            ? new ScrubOptions { ExtraFields = project.Settings.ScrubExtraFields ?? [], SafeFields = project.Settings.ScrubSafeFields ?? [] }
            : null;
        var result = SentryEventPipeline.Process(payload, new EventNormalizeOptions
        {
            ReceivedAt = DateTimeOffset.FromUnixTimeMilliseconds(work.ReceivedAt),
            EventIdOverride = headerEventId,
        }, scrub);
        if (result.Event is null)
        {
            metrics.Rejected.Add(EventWriter.Stream, IngestOutcome.Invalid);
            return (Describe(result.Error), false);
        }
        var ev = result.Event.Event;
        work.Events.Add(new IngestedEvent(ev, result.Event.Grouping, result.Event.PayloadUtf8));
        eventId = ev.EventId;
        return null;
    }

    private async Task<IResult?> EnqueueAsync(SentryWork work, Project project)
    {
        if (work.Events.Count == 0 && work.Items.Count == 0)
            return null;
        if (!limiter.TryAcquire(project.Id, project.Settings.RateLimitPerMinute, Math.Max(1, work.Events.Count)))
        {
            metrics.Rejected.Add(EventWriter.Stream, IngestOutcome.RateLimited, work.Events.Count);
            return TooManyRequests(60, "project:rate_limited", $"Project '{project.Slug}' is over its limit of {project.Settings.RateLimitPerMinute} events per minute.");
        }
        var committed = queue.TryEnqueue(work);
        if (committed is null)
        {
            metrics.Rejected.Add(EventWriter.Stream, IngestOutcome.QueueFull, work.Events.Count);
            return TooManyRequests(options.Value.Ingest.RetryAfterSeconds, "organization:queue_full", "Vigil is busy: the ingest queue is full. Retry after the given seconds.");
        }
        try
        {
            await committed;
            return null;
        }
        catch (Exception)
        {
            metrics.Rejected.Add(EventWriter.Stream, IngestOutcome.StorageFailed, work.Events.Count);
            var detail = "Vigil could not store the events; nothing was acknowledged. Retry later.";
            return new HeaderResult(Results.Json(new { detail, causes = new[] { detail } }, statusCode: 503),
                "Retry-After", options.Value.Ingest.RetryAfterSeconds.ToString());
        }
    }

    private async Task<(IngestIdentity? Identity, IResult? Error)> AuthenticateAsync(HttpContext context, string projectId, string? envelopeDsn)
    {
        var key = KeyOutsideBody(context.Request) ?? SentryAuth.FromDsn(envelopeDsn);
        if (!long.TryParse(projectId, out var id))
            return (null, Reject(400, $"'{projectId}' is not a project id: DSNs end in a number.", IngestOutcome.Invalid));
        if (string.IsNullOrWhiteSpace(key))
            return (null, Reject(401, "No Sentry key: send X-Sentry-Auth with sentry_key, or ?sentry_key=.", IngestOutcome.Unauthorized));
        var identity = await keys.ResolveAsync(key, context.RequestAborted);
        if (identity is null)
            return (null, Reject(401, "Unknown Sentry key.", IngestOutcome.Unauthorized));
        if (identity.Key.IsRevoked)
            return (null, Reject(403, "This Sentry key was revoked.", IngestOutcome.Unauthorized));
        if (identity.Project.Id != id)
            return (null, Reject(404, $"No project {id} for this key.", IngestOutcome.Unauthorized));
        return (identity, null);
    }

    private static string? KeyOutsideBody(HttpRequest request) =>
        SentryAuth.FromHeaders(request.Headers["X-Sentry-Auth"], request.Headers.Authorization)
        ?? request.Query["sentry_key"].FirstOrDefault();

    private Task<BodyReader.Result> ReadAsync(HttpContext context, long? rawLimit = null) =>
        BodyReader.ReadAsync(context.Request, rawLimit ?? options.Value.Ingest.MaxEnvelopeBytes, options.Value.Ingest.MaxDecompressedBytes, context.RequestAborted);

    private IResult RejectBody(BodyReader.Result body) => Reject(body.StatusCode, body.Error!,
        body.StatusCode == StatusCodes.Status413PayloadTooLarge ? IngestOutcome.TooLarge : IngestOutcome.Invalid);

    private IResult Reject(int status, string detail, string reason)
    {
        metrics.Rejected.Add(EventWriter.Stream, reason);
        return Problem(status, detail, [detail]);
    }

    private static IResult Problem(int status, string detail, IReadOnlyList<string> causes) =>
        Results.Json(new { detail, causes }, statusCode: status);

    /// <param name="scopeAndReason">the last two fields of X-Sentry-Rate-Limits: an empty category list means every category</param>
    private static IResult TooManyRequests(int seconds, string scopeAndReason, string detail)
    {
        var result = Results.Json(new { detail, causes = new[] { detail } }, statusCode: 429);
        return new HeaderResult(new HeaderResult(result, "Retry-After", seconds.ToString()), "X-Sentry-Rate-Limits", $"{seconds}::{scopeAndReason}");
    }

    private static string Describe(Vigil.Protocols.ParseError? error) =>
        error is null ? "unknown error" : error.Position >= 0 ? $"{error.Message} (at byte {error.Position})" : error.Message;
}
