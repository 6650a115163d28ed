using Microsoft.Extensions.DependencyInjection;
using Vigil.Features.Alerts.Delivery;
using Vigil.Features.Metrics;
using Vigil.Features.Metrics.Ingest;
using Vigil.Infrastructure.Ingest;
using Vigil.Features.Metrics.Query;
using Vigil.Tests.Features.Alerts.Support;

namespace Vigil.Tests.Features.Alerts;

/// <summary>Metric rules' judgement (holding for a duration, baselines, no data) against a stand-in query
/// service that answers exactly the values a test sets; <see cref="MetricRulesOnTheStoreTests"/> runs a rule
/// over the real metric store.</summary>
public sealed class MetricRulesTests(MetricRulesTests.Fixture server) : IClassFixture<MetricRulesTests.Fixture>
{
    public sealed class Fixture : AlertsServerFixture
    {
        public StandInMetricQueryService Metrics { get; } = new();

        protected override void ConfigureServices(IServiceCollection services)
        {
            base.ConfigureServices(services);
            services.AddSingleton<IMetricQueryService>(Metrics);
        }
    }

    [Fact]
    public async Task AThresholdFiresOnlyAfterHoldingForItsDurationAndResolvesWhenItClears()
    {
        var (project, _) = await server.CreateProjectAsync("Metric threshold");
        var chat = server.Channels.Add(project.Id, "chat");
        await server.CreateRuleAsync(project.Slug, "Slow checkout", "metric_threshold", "error",
            new { metric = "checkout.latency", aggregation = "p99", comparison = ">", threshold = 800, windowMinutes = 5, forMinutes = 10 });
        server.Metrics.Now["checkout.latency"] = 950;

        await server.EvaluateRulesAsync();
        Assert.Empty(server.Sent.To(chat.Id));
        server.Clock.Advance(TimeSpan.FromMinutes(11));
        await server.EvaluateRulesAsync();
        var fired = Assert.Single(server.Sent.OfKind(chat.Id, NotificationKind.Trigger));
        Assert.Equal("p99(checkout.latency) = 950 over the last 5 minutes (> 800)", fired.Notices[0].Summary);

        server.Metrics.Now["checkout.latency"] = 300;
        await server.EvaluateRulesAsync();
        var alert = Assert.Single(await server.AlertsAsync(project.Slug))!;
        Assert.Equal("condition cleared: p99(checkout.latency) = 300 over the last 5 minutes, not above 800", alert["resolveReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task ADropAgainstTheSameWindowLastWeekFiresAndASmallBaselineDoesNot()
    {
        var (project, _) = await server.CreateProjectAsync("Metric anomaly");
        var chat = server.Channels.Add(project.Id, "chat");
        await server.CreateRuleAsync(project.Slug, "Purchases dropped", "metric_anomaly", "critical",
            new { metric = "purchases", aggregation = "sum", windowMinutes = 60, baseline = "week", direction = "drop", percent = 50, minBaseline = 20 });
        server.Metrics.Now["purchases"] = 5;
        server.Metrics.WeekAgo["purchases"] = 10;
        await server.EvaluateRulesAsync();
        Assert.Empty(server.Sent.To(chat.Id));

        server.Metrics.WeekAgo["purchases"] = 120;
        await server.EvaluateRulesAsync();
        var fired = Assert.Single(server.Sent.OfKind(chat.Id, NotificationKind.Trigger));
        Assert.Contains("against a baseline of 120 (-95.83%)", fired.Notices[0].Summary);
    }

    [Fact]
    public async Task ASeriesWithNoPointsFiresNoData()
    {
        var (project, _) = await server.CreateProjectAsync("Metric nodata");
        var chat = server.Channels.Add(project.Id, "chat");
        await server.CreateRuleAsync(project.Slug, "Billing job stopped", "metric_nodata", "warning", new { metric = "billing.runs", minutes = 90 });
        server.Metrics.Now["billing.runs"] = 1;
        await server.EvaluateRulesAsync();
        Assert.Empty(server.Sent.To(chat.Id));
        server.Metrics.Now["billing.runs"] = null;
        await server.EvaluateRulesAsync();
        Assert.Contains("no data for avg(billing.runs) in the last 90 minutes", Assert.Single(server.Sent.To(chat.Id)).Notices[0].Summary);
    }
}

/// <summary>A metric rule reading what the metric writer stored, through the real query service.</summary>
public sealed class MetricRulesOnTheStoreTests(AlertsServerFixture server) : IClassFixture<AlertsServerFixture>
{
    [Fact]
    public async Task AThresholdRuleFiresOnTimingsStoredByTheMetricWriter()
    {
        var (project, _) = await server.CreateProjectAsync("Metric threshold on the store");
        var chat = server.Channels.Add(project.Id, "chat");
        await server.CreateRuleAsync(project.Slug, "Slow checkout", "metric_threshold", "error",
            new { metric = "checkout.latency", aggregation = "max", comparison = ">", threshold = 800, windowMinutes = 5, forMinutes = 0 });
        var now = server.Clock.GetUtcNow().ToUnixTimeMilliseconds() / 10_000 * 10_000;
        var timing = new MetricAggregate(MetricKind.Distribution);
        foreach (var value in new[] { 120.0, 240.0, 950.0 })
            timing.AddObservation(value);
        var committed = server.Service<IngestQueue<MetricWork>>().TryEnqueue(new MetricWork(project.Id,
            [new MetricSample("checkout.latency", [new("route", "/pay")], now - 60_000, timing, "ms")]));
        await committed!;

        await server.EvaluateRulesAsync();
        var fired = Assert.Single(server.Sent.OfKind(chat.Id, NotificationKind.Trigger));
        Assert.Contains("max(checkout.latency) = 950", fired.Notices[0].Summary);
    }
}
