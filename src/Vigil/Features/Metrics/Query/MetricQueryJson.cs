using System.IO.Pipelines;
using System.Text.Json;

namespace Vigil.Features.Metrics.Query;

/// <summary>
/// Writes a <see cref="MetricQueryResult"/> as the query API's JSON
/// (<c>{"name", "unit", "stepMs", "series": [{"group": {..}, "points": [[ms, value|null], ..]}]}</c>)
/// straight to the response: a month of minutes is 864,000 points, which the serializer would box
/// into arrays one by one.
/// </summary>
public static class MetricQueryJson
{
    private const int FlushAt = 32 * 1024;

    public static IResult Result(MetricQueryResult result) => new Written(result);

    public static async Task WriteAsync(PipeWriter output, MetricQueryResult result, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteString("name", result.Name);
        json.WriteString("unit", result.Unit);
        json.WriteNumber("stepMs", result.StepMs);
        json.WriteStartArray("series");
        foreach (var series in result.Series)
        {
            json.WriteStartObject();
            json.WriteStartObject("group");
            foreach (var (key, value) in series.Group)
                json.WriteString(key, value);
            json.WriteEndObject();
            json.WriteStartArray("points");
            foreach (var point in series.Points)
            {
                json.WriteStartArray();
                json.WriteNumberValue(point.TimeMs);
                if (point.Value is { } value)
                    json.WriteNumberValue(value);
                else
                    json.WriteNullValue();
                json.WriteEndArray();
                if (json.BytesPending > FlushAt)
                {
                    json.Flush();
                    await output.FlushAsync(cancellationToken);
                }
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        await output.FlushAsync(cancellationToken);
    }

    private sealed class Written(MetricQueryResult result) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json; charset=utf-8";
            return WriteAsync(context.Response.BodyWriter, result, context.RequestAborted);
        }
    }
}
