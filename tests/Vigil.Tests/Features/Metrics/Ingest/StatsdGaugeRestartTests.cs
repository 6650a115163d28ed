namespace Vigil.Tests.Features.Metrics.Ingest;

/// <summary>A gauge's level outlives the process: its own server, restarted mid-test.</summary>
public sealed class StatsdGaugeRestartTests(StatsdServer server) : IClassFixture<StatsdServer>
{
    private const string Range = "agg=last&since=1h&step=1h";

    [Fact]
    public async Task AGaugeDeltaAfterARestartMovesFromTheStoredLevel()
    {
        await server.SendAndFlushAsync("queue.size:40|g\nworkers:7|g");
        await server.RestartAsync();

        await server.SendAndFlushAsync("queue.size:+5|g\nqueue.size:-2|g\nworkers:3|g\nworkers:+1|g\nnew.gauge:+4|g");

        Assert.Equal([43], await server.ValuesAsync($"name=queue.size&{Range}"));
        Assert.Equal([45], await server.ValuesAsync("name=queue.size&agg=max&since=1h&step=1h"));
        Assert.Equal([4], await server.ValuesAsync($"name=workers&{Range}")); // a plain value needs no stored level
        Assert.Equal([4], await server.ValuesAsync($"name=new.gauge&{Range}")); // nothing stored: from 0

        await server.SendAndFlushAsync("queue.size:+1|g");
        Assert.Equal([44], await server.ValuesAsync($"name=queue.size&{Range}"));
    }
}
