using System.Text.Json;
using Vigil.Features.Logs.Storage;
using Vigil.Features.Projects.Storage;
using Vigil.Protocols.LogQuery;

namespace Vigil.Features.Logs;

/// <summary>The live tail: server-sent events, one `event: log` per new matching event, polled
/// from the store so every instance sharing a database tails the same stream.</summary>
public static class LogTail
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static async Task StreamAsync(HttpContext context, string? project, string? q, ProjectStore projects, LogStore logs, TimeProvider clock)
    {
        var slug = string.IsNullOrWhiteSpace(project) ? "default" : project;
        var found = await projects.FindAsync(slug, context.RequestAborted);
        var parsed = QueryParser.Parse(q);
        if (found is null || !parsed.IsSuccess)
        {
            context.Response.StatusCode = found is null ? 404 : 400;
            await context.Response.WriteAsJsonAsync(new
            {
                detail = found is null ? $"No project with slug '{slug}'." : parsed.Error!.Message,
                position = found is null ? null : (long?)parsed.Error!.Position,
            }, context.RequestAborted);
            return;
        }
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var lastId = await logs.LatestIdAsync(found.Id, context.RequestAborted);
        await context.Response.WriteAsync(": tailing\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        try
        {
            while (!context.RequestAborted.IsCancellationRequested)
            {
                var events = await logs.AfterAsync(found.Id, parsed.Query!.Filter, lastId, 500, context.RequestAborted);
                foreach (var log in events)
                {
                    await context.Response.WriteAsync($"id: {log.Id}\nevent: log\ndata: {JsonSerializer.Serialize(log, LogsApi.Json)}\n\n", context.RequestAborted);
                    lastId = log.Id;
                }
                await context.Response.Body.FlushAsync(context.RequestAborted);
                if (events.Count < 500)
                    await Task.Delay(PollInterval, clock, context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away: that is how a tail ends.
        }
        catch (Query.LogQueryException failure)
        {
            await context.Response.WriteAsync($"event: error\ndata: {JsonSerializer.Serialize(new { detail = failure.Message })}\n\n");
        }
    }
}
