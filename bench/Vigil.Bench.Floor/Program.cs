using System.IO.Compression;

// The floor under envelope ingest on this machine: a server that does only the first steps every
// Sentry envelope costs (HTTP, read the body, inflate it, parse the event's JSON) and answers at
// once, storing nothing. Run by bench/floor.sh with the same load generator as bench/run.sh; it
// speaks just enough of `vigil` (the DSN line, `token create`, an empty issue list) for that.
//   FLOOR_STEPS=read | inflate | parse   (each includes the ones before)

if (args is ["token", ..])
{
    Console.WriteLine("""{"token":"floor"}""");
    return;
}
var urls = args[Array.IndexOf(args, "--urls") + 1];
var steps = Environment.GetEnvironmentVariable("FLOOR_STEPS") ?? "parse";
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls(urls);
var app = builder.Build();
app.MapPost("/api/{id}/envelope/", async (HttpContext context) =>
{
    var body = new MemoryStream();
    await context.Request.Body.CopyToAsync(body);
    if (steps is "inflate" or "parse")
    {
        var envelope = new MemoryStream();
        await using (var gzip = new GZipStream(new MemoryStream(body.GetBuffer(), 0, (int)body.Length), CompressionMode.Decompress))
            await gzip.CopyToAsync(envelope);
        if (steps == "parse")
        {
            // Envelope header line, item header line, then the event.
            var bytes = envelope.GetBuffer().AsMemory(0, (int)envelope.Length);
            for (var line = 0; line < 2; line++)
                bytes = bytes[(bytes.Span.IndexOf((byte)'\n') + 1)..];
            using var document = System.Text.Json.JsonDocument.Parse(bytes);
        }
    }
    return Results.Json(new { id = "floor" });
});
app.MapGet("/api/projects/{slug}/issues", () => Results.Json(Array.Empty<object>()));
app.Lifetime.ApplicationStarted.Register(() =>
{
    Console.WriteLine($"http://floor@{new Uri(urls).Authority}/1");
    Console.WriteLine("Vigil is listening");
});
app.Run();
