using System.Diagnostics;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Errors.Ingest;

/// <summary>The real @sentry/node SDK, unmodified, pointed at Vigil's DSN.</summary>
public sealed class NodeSdkTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    [Fact]
    public async Task TwoErrorsSentSeveralTimesBecomeTwoIssuesWithTheirCounts()
    {
        RepoPaths.ClientFile("node_modules/@sentry/node/package.json");
        var start = new ProcessStartInfo("node") { WorkingDirectory = RepoPaths.Clients, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "send-node-errors.mjs", server.Dsn, "3", "2" })
            start.ArgumentList.Add(arg);
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}: {await stdout} {await stderr}");

        var issues = await Eventually.GetAsync(() => server.IssuesAsync(),
            list => list.Sum(i => i!["count"]!.GetValue<long>()) >= 5, what: "five events from @sentry/node");

        var counts = issues.ToDictionary(i => i!["title"]!.GetValue<string>().Split(':')[0], i => i!["count"]!.GetValue<long>());
        Assert.Equal(2, counts.Count);
        Assert.Equal(3, counts["TypeError"]);
        Assert.Equal(2, counts["RangeError"]);
    }
}
