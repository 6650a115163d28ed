using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Vigil.Bench.Logs;

/// <summary>What one ingest run achieved: events acknowledged, wall time, retries after 429/503.</summary>
public sealed record IngestResult(long Acknowledged, long Requests, TimeSpan Elapsed, long Retries, long Failed)
{
    public double EventsPerSecond => Acknowledged / Elapsed.TotalSeconds;
}

/// <summary>
/// Several concurrent senders post pre-built OTLP batches to POST /v1/logs. An event counts only
/// when its request answered 200 with an empty ExportLogsServiceResponse (no partial_success),
/// which Vigil sends after the batch committed. A 429 or 503 is retried after a short pause.
/// </summary>
public static class IngestRun
{
    public static async Task<IngestResult> RunAsync(Uri server, string key, byte[][] batches, int batchCount, int senders)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = senders, UseProxy = false }) { BaseAddress = server, Timeout = TimeSpan.FromMinutes(5) };
        long next = -1, acknowledged = 0, retries = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            long index;
            while ((index = Interlocked.Increment(ref next)) < batchCount)
            {
                var body = batches[index];
                while (true)
                {
                    using var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/logs") { Content = content };
                    request.Headers.Add("X-Vigil-Key", key);
                    using var response = await http.SendAsync(request);
                    if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
                    {
                        Interlocked.Increment(ref retries);
                        await Task.Delay(50);
                        continue;
                    }
                    var answer = await response.Content.ReadAsByteArrayAsync();
                    if (response.StatusCode == HttpStatusCode.OK && answer.Length == 0)
                        Interlocked.Add(ref acknowledged, Dataset.BatchSize);
                    else
                        Interlocked.Increment(ref failed);
                    break;
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return new IngestResult(acknowledged, batchCount, clock.Elapsed, retries, failed);
    }
}
