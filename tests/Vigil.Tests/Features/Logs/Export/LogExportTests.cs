using System.Net;
using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Logs.Export;

/// <summary>GET /api/logs/export: the matching events as an NDJSON or CSV download.</summary>
public sealed class LogExportTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    [Fact]
    public async Task NdjsonExportHoldsEveryMatchingEventAcrossPagesAndNothingElse()
    {
        var (project, key) = await server.CreateProjectAsync("Export ndjson");
        // More than one store page (1,000) so the export has to follow the cursor.
        var orders = Enumerable.Range(0, 1205).Select(i => LogSender.Line("info", $"order {i} shipped", new { OrderId = i, kind = "shipped" }));
        var noise = Enumerable.Range(0, 50).Select(i => LogSender.Line("debug", $"cache warm {i}", new { kind = "cache" }));
        await LogSender.SendAsync(server, key, [.. orders, .. noise]);

        using var response = await server.Api.Http.GetAsync($"/api/logs/export?project={project.Slug}&q=kind = 'shipped'&since=1h&format=ndjson");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".ndjson", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var ids = lines.Select(l => JsonNode.Parse(l)!["properties"]!["OrderId"]!.GetValue<int>()).ToHashSet();
        Assert.Equal(1205, lines.Length);
        Assert.Equal(Enumerable.Range(0, 1205).ToHashSet(), ids);
    }

    [Fact]
    public async Task CsvExportQuotesCommasQuotesAndLineBreaks()
    {
        var (project, key) = await server.CreateProjectAsync("Export csv");
        var line = LogSender.Line("error", "payment failed, card \"declined\"", new { service = "billing", RequestId = "req-7", Amount = 12.5 });
        line["exception"] = "CardDeclined: no funds\n   at Billing.Charge()";
        await LogSender.SendAsync(server, key, line, LogSender.Line("info", "unrelated"));

        using var response = await server.Api.Http.GetAsync($"/api/logs/export?project={project.Slug}&q=payment&format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/csv", response.Content.Headers.ContentType?.ToString());
        var rows = CsvRows(await response.Content.ReadAsStringAsync());
        Assert.Equal(["timestamp", "level", "service", "message", "request_id", "trace_id", "exception", "properties"], rows[0]);
        var row = Assert.Single(rows.Skip(1));
        Assert.Equal(["error", "billing", "payment failed, card \"declined\"", "req-7", ""], row[1..6]);
        Assert.Equal("CardDeclined: no funds\n   at Billing.Charge()", row[6]);
        Assert.Equal(12.5, JsonNode.Parse(row[7])!["Amount"]!.GetValue<double>());
    }

    [Fact]
    public async Task AnAggregationOrAnUnknownFormatIsRefused()
    {
        using var aggregate = await server.Api.Http.GetAsync("/api/logs/export?q=timeout | count()");
        Assert.Equal(HttpStatusCode.BadRequest, aggregate.StatusCode);
        using var format = await server.Api.Http.GetAsync("/api/logs/export?format=xml");
        Assert.Equal(HttpStatusCode.BadRequest, format.StatusCode);
    }

    /// <summary>A strict RFC 4180 reader, so the test checks the quoting rather than trusting it.</summary>
    private static List<string[]> CsvRows(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString()); field.Clear();
                rows.Add([.. fields]); fields.Clear();
                i++;
            }
            else field.Append(c);
        }
        return rows;
    }
}
