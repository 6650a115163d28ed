using Microsoft.Extensions.Options;
using Vigil.Features.Metrics.Otlp;
using Vigil.Features.Projects;
using Vigil.Infrastructure.Hosting;
using Vigil.Infrastructure.Ingest;
using Vigil.Infrastructure.Observability;
using Vigil.Protocols.Metrics;

namespace Vigil.Features.Metrics.Ingest;

/// <summary>
/// The OTLP/HTTP metrics edge (<c>POST /v1/metrics</c>): authenticate the key → read the body
/// (gzip, size limits) → decode (bad points counted and reported, their neighbours kept) → map to
/// samples → rate-limit → enqueue → answer after commit, in the request's content type: an empty
/// ExportMetricsServiceResponse, or partial_success with the rejected points and the first reason.
/// </summary>
public sealed class OtlpMetricsIngest(
    ProjectKeyCache keys,
    ProjectRateLimiter limiter,
    IngestQueue<MetricWork> queue,
    OtlpSampleMapper mapper,
    VigilMetrics metrics,
    IOptions<VigilOptions> options,
    TimeProvider clock)
{
    /// <summary>The stream name the metric queue and its counters use (shared with StatsD's writer).</summary>
    public const string Stream = "metrics";

    public async Task<IResult> IngestAsync(HttpContext context)
    {
        var json = IsJson(context.Request.ContentType);
        var settings = options.Value.Ingest;
        var authentication = await IngestAuthentication.AuthenticateAsync(keys, context.Request, context.RequestAborted);
        if (authentication.Identity is not { } identity)
            return Reject(authentication.Status, authentication.Error!, "unauthorized");
        var body = await BodyReader.ReadAsync(context.Request, settings.MaxEnvelopeBytes, settings.MaxDecompressedBytes, context.RequestAborted);
        if (!body.Ok)
            return body.StatusCode == 400 ? Invalid(json, body.Error!) : Reject(body.StatusCode, body.Error!, body.StatusCode == 413 ? "too_large" : "invalid");
        var batch = json ? OtlpMetricsDecoder.DecodeJson(body.Memory.Span) : OtlpMetricsDecoder.DecodeProtobuf(body.Memory.Span);
        if (batch.Fatal is not null)
            return Invalid(json, $"The body is not a valid OTLP {(json ? "JSON" : "protobuf")} ExportMetricsServiceRequest: {batch.Fatal}");
        var project = identity.Project;
        var mapped = mapper.Map(project.Id, batch, clock.GetUtcNow());
        var invalid = batch.Errors.Count + mapped.Rejected;
        if (invalid > 0)
            metrics.Rejected.Add(Stream, "invalid", invalid);
        var overLimit = 0;
        if (mapped.Samples.Count > 0)
        {
            if (!limiter.TryAcquire(project.Id, project.Settings.RateLimitPerMinute, mapped.Samples.Count))
            {
                metrics.Rejected.Add(Stream, "rate_limited", mapped.Samples.Count);
                return Busy(60, $"Project '{project.Slug}' is over its limit of {project.Settings.RateLimitPerMinute} items per minute.");
            }
            var work = new MetricWork(project.Id, mapped.Samples);
            var committed = queue.TryEnqueue(work);
            if (committed is null)
            {
                metrics.Rejected.Add(Stream, "queue_full", mapped.Samples.Count);
                return Busy(settings.RetryAfterSeconds, "Vigil is busy: the metrics queue is full. Retry after the given seconds.");
            }
            try
            {
                await committed;
            }
            catch (Exception)
            {
                metrics.Rejected.Add(Stream, "storage_failed", mapped.Samples.Count);
                return Busy(settings.RetryAfterSeconds, "Vigil could not store the points; nothing was acknowledged. Retry later.", 503);
            }
            // The writer counts these under its own reason; here they only go back to the sender.
            overLimit = work.RejectedSamples;
        }
        var message = batch.Errors.Count > 0 ? batch.Errors[0].ToString()
            : mapped.FirstError ?? (overLimit > 0 ? $"{overLimit} series were over project '{project.Slug}''s series limit and were not stored" : null);
        var rejected = invalid + overLimit;
        return json
            ? Results.Bytes(OtlpMetricsResponses.PartialSuccessJson(rejected, message), "application/json")
            : Results.Bytes(OtlpMetricsResponses.PartialSuccessProtobuf(rejected, message), "application/x-protobuf");
    }

    public static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Contains("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>400 with google.rpc.Status, as OTLP/HTTP answers a body it cannot decode (not retried).</summary>
    private IResult Invalid(bool json, string message)
    {
        metrics.Rejected.Add(Stream, "invalid");
        return json
            ? new StatusBytes(OtlpMetricsResponses.InvalidJson(message), "application/json", 400)
            : new StatusBytes(OtlpMetricsResponses.InvalidProtobuf(message), "application/x-protobuf", 400);
    }

    private IResult Reject(int status, string detail, string reason)
    {
        metrics.Rejected.Add(Stream, reason);
        return Results.Json(new { detail, causes = new[] { detail } }, statusCode: status);
    }

    private static IResult Busy(int seconds, string detail, int status = 429) =>
        new HeaderResult(Results.Json(new { detail, causes = new[] { detail } }, statusCode: status), "Retry-After", seconds.ToString());

    /// <summary>A body in a given content type with a status other than 200 (Results.Bytes has no status).</summary>
    private sealed class StatusBytes(byte[] body, string contentType, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = contentType;
            return httpContext.Response.Body.WriteAsync(body).AsTask();
        }
    }
}
