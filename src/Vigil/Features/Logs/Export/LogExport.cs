using System.Text;
using System.Text.Json;
using Vigil.Features.Logs.Query;
using Vigil.Features.Logs.Storage;
using Vigil.Features.Projects.Storage;

namespace Vigil.Features.Logs.Export;

/// <summary>GET /api/logs/export?project=&amp;q=&amp;from=&amp;to=&amp;format=ndjson|csv: the matching events,
/// newest first, streamed page by page so a large export never sits in memory.</summary>
public static class LogExport
{
    public const int MaxEvents = 100_000;
    private const int PageSize = 1000;

    public static async Task StreamAsync(HttpContext context, string? project, string? q, string? from, string? to, string? since, string? format,
        ProjectStore projects, LogStore logs, TimeProvider clock)
    {
        var ct = context.RequestAborted;
        format = string.IsNullOrEmpty(format) ? "ndjson" : format.ToLowerInvariant();
        if (format is not ("ndjson" or "csv"))
        {
            await LogsApi.Problem(400, $"'{format}' is not an export format: use ndjson or csv.", -1).ExecuteAsync(context);
            return;
        }
        var (projectId, request, error) = await LogsApi.ResolveAsync(project, q, from, to, since, projects, clock);
        if (error is null && request!.Query.Aggregation is not null)
            error = LogsApi.Problem(400, "Export writes events: remove the '| …' aggregation from the query.", (q ?? "").IndexOf('|'));
        if (error is not null)
        {
            await error.ExecuteAsync(context);
            return;
        }
        // The first page runs before the headers go out, so a bad cursor or query still answers 400.
        LogPage page;
        try
        {
            page = await logs.SearchAsync(projectId, request!.Query, request.Range, PageSize, null, ct);
        }
        catch (LogQueryException failure)
        {
            await LogsApi.Problem(400, failure.Message, -1).ExecuteAsync(context);
            return;
        }
        var name = $"logs-{LogsApi.ProjectSlug(project)}-{clock.GetUtcNow():yyyyMMdd-HHmmss}.{format}";
        context.Response.ContentType = format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false), 64 * 1024);
        if (format == "csv")
            await writer.WriteAsync(LogCsv.Header + "\r\n");
        var written = 0;
        while (true)
        {
            foreach (var log in page.Events.Take(MaxEvents - written))
            {
                await writer.WriteAsync(format == "csv" ? LogCsv.Row(log) + "\r\n" : JsonSerializer.Serialize(log, LogsApi.Json) + "\n");
                written++;
            }
            if (written >= MaxEvents || page.NextCursor is null)
                break;
            await writer.FlushAsync(ct);
            page = await logs.SearchAsync(projectId, request.Query, request.Range, PageSize, page.NextCursor, ct);
        }
    }
}
