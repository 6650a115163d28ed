using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Logs.Ingest;

/// <summary>The OpenTelemetry .NET OTLP log exporter (NuGet, over HTTP protobuf) sending to /v1/logs.</summary>
public sealed class OtlpExporterTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    [Fact]
    public async Task EventsFromTheDotNetExporterAreStoredWithLevelTemplatePropertiesTraceAndException()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        string traceId;
        using (var factory = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace)
            .AddOpenTelemetry(o =>
            {
                o.IncludeScopes = true;
                o.IncludeFormattedMessage = true;
                o.SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("otel-checkout"));
                o.AddOtlpExporter(e =>
                {
                    e.Protocol = OtlpExportProtocol.HttpProtobuf;
                    e.Endpoint = new Uri(server.BaseUrl + "/v1/logs");
                    e.Headers = "X-Vigil-Key=" + server.DefaultKey.PublicKey;
                });
            })))
        {
            var logger = factory.CreateLogger("Shop.Checkout");
            logger.LogInformation("Run {Run} started with {Workers} workers", run, 4);
            using var activity = new Activity("checkout").SetIdFormat(ActivityIdFormat.W3C).Start();
            traceId = activity.TraceId.ToHexString();
            using (logger.BeginScope(new Dictionary<string, object> { ["CustomerId"] = "cust-77" }))
            {
                logger.LogWarning("Run {Run} order {OrderId} is slow: {Elapsed} ms", run, 1001, 1234.5);
                try
                {
                    throw new InvalidOperationException("card declined " + run);
                }
                catch (InvalidOperationException thrown)
                {
                    logger.LogError(thrown, "Run {Run} payment for order {OrderId} failed", run, 1001);
                }
            }
            activity.Stop();
            logger.LogDebug("Run {Run} debug detail", run);
            logger.LogCritical("Run {Run} is on fire", run);
        } // disposing the factory flushes the batch exporter

        var events = await LogsClient.EventuallyAsync(server.Api, $"Run = '{run}'", 5);
        Assert.Equal(5, events.Count);
        var byLevel = events.ToDictionary(e => LogsClient.Text(e, "level"), e => e!.AsObject());
        Assert.Equal(["debug", "error", "fatal", "info", "warning"], byLevel.Keys.Order());

        var info = byLevel["info"];
        Assert.Equal($"Run {run} started with 4 workers", LogsClient.Text(info, "message"));
        Assert.Equal("Run {Run} started with {Workers} workers", LogsClient.Text(info, "template"));
        Assert.Equal(4, info["properties"]!["Workers"]!.GetValue<long>());
        Assert.Equal("otel-checkout", LogsClient.Text(info, "service"));
        Assert.Null(info["traceId"]);

        var warning = byLevel["warning"];
        Assert.Equal(traceId, LogsClient.Text(warning, "traceId"));
        Assert.Equal(1234.5, warning["properties"]!["Elapsed"]!.GetValue<double>());
        Assert.Equal(1001, warning["properties"]!["OrderId"]!.GetValue<long>());
        Assert.Contains("cust-77", warning["properties"]!.ToJsonString());

        var error = byLevel["error"];
        Assert.Equal(traceId, LogsClient.Text(error, "traceId"));
        var exception = LogsClient.Text(error, "exception");
        Assert.Contains("InvalidOperationException", exception);
        Assert.Contains("card declined " + run, exception);
        Assert.Contains(nameof(EventsFromTheDotNetExporterAreStoredWithLevelTemplatePropertiesTraceAndException), exception);

        // The exception text is searchable, and the scope's value is a property the language finds.
        Assert.Single(await LogsClient.SearchAsync(server.Api, $"\"card declined {run}\""));
        Assert.Single(await LogsClient.SearchAsync(server.Api, $"Run = '{run}' and @trace_id = '{traceId}' and level = error"));
    }
}
