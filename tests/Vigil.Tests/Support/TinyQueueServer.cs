namespace Vigil.Tests.Support;

/// <summary>A server whose ingest queues hold one item and write batches of one, so a burst fills them.</summary>
public sealed class TinyQueueServer : VigilServerFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Ingest:QueueCapacity", "1"), new("Ingest:MaxBatchSize", "1")];
}
