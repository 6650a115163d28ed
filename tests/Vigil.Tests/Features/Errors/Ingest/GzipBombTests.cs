using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Errors.Ingest;

/// <summary>Runs alone (it measures this process's memory, which parallel tests would disturb).</summary>
[CollectionDefinition(nameof(MemoryMeasuringCollection), DisableParallelization = true)]
public sealed class MemoryMeasuringCollection;

[Collection(nameof(MemoryMeasuringCollection))]
public sealed class GzipBombTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    private const long Allowed = 150L * 1024 * 1024;

    [Fact]
    public async Task GzipBombIsTooLargeAndCostsLittleMemory()
    {
        var bomb = GzippedZeros(1L << 30);
        Assert.InRange(bomb.Length, 1, 2 * 1024 * 1024);
        var before = WorkingSetAfterGc();

        using var response = await server.SendEnvelopeAsync(bomb, contentEncoding: "gzip");

        await ProblemAssert.IsAsync(response, HttpStatusCode.RequestEntityTooLarge, "decompresses to more than");
        // The GC hands freed memory back to the OS lazily, so allow it a few seconds to settle: what
        // matters is that the request leaves nothing behind, not the transient peak while it is read.
        var grown = long.MaxValue;
        for (var attempt = 0; attempt < 20 && grown >= Allowed; attempt++)
        {
            if (attempt > 0)
                await Task.Delay(500);
            grown = WorkingSetAfterGc() - before;
        }
        Assert.True(grown < Allowed, $"working set grew by {grown / (1024 * 1024)} MB");
        await ProblemAssert.ServerIsHealthyAsync(server.Http);
    }

    private static byte[] GzippedZeros(long size)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (long written = 0; written < size; written += zeros.Length)
                gzip.Write(zeros);
        }
        return output.ToArray();
    }

    private static long WorkingSetAfterGc()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
