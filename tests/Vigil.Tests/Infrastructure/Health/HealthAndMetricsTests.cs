using System.Net;
using System.Text.RegularExpressions;
using Vigil.Tests.Support;
using static Vigil.Tests.Support.SentryPayloads;

namespace Vigil.Tests.Infrastructure.Health;

public sealed class HealthAndMetricsTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthEndpointsAnswerOk(string path)
    {
        using var response = await server.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task MetricsCountAcceptedAndRejectedEventsAndShowMemory()
    {
        using (var ok = await server.SendEventAsync(Exception("Counted", "accepted")))
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using (var bad = await server.SendEnvelopeAsync(Envelope(NewEventId(), ("event", "{nope"u8.ToArray()))))
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        using var response = await server.Http.GetAsync("/metrics");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(Sample(text, @"vigil_ingest_accepted_total\{[^}]*stream=""error""[^}]*\}") >= 1, text);
        Assert.True(Sample(text, @"vigil_ingest_rejected_total\{[^}]*reason=""invalid""[^}]*\}") >= 1, text);
        Assert.True(Sample(text, "process_resident_memory_bytes") > 10_000_000, text);
    }

    [Fact]
    public async Task MetricsShowTheRuntimeSpendingCpuCompilingAndCollecting()
    {
        using var response = await server.Http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(Sample(text, "process_cpu_seconds_total") > 0, text);
        Assert.True(Sample(text, "dotnet_jit_methods_total") > 1_000, text);
        Assert.True(Sample(text, "dotnet_jit_seconds_total") > 0, text);
        Assert.True(Sample(text, "dotnet_gc_allocated_bytes_total") > 1_000_000, text);
        Assert.True(Sample(text, @"dotnet_gc_collections_total\{generation=""0""\}") >= 0, text);
        Assert.True(Sample(text, "dotnet_gc_pause_seconds_total") >= 0, text);
    }

    private static double Sample(string text, string series)
    {
        var match = Regex.Match(text, $@"^{series} (\S+)$", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }
}
