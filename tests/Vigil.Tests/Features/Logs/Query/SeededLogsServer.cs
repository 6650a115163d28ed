using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Logs.Query;

/// <summary>A server holding a small, known set of events (minutes ago, so the default last hour holds
/// them), each named by its <c>name</c> property, for tests that only read.</summary>
public sealed class SeededLogsServer : VigilServerFixture, IAsyncLifetime
{
    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    public static readonly string[] Names = ["pay", "slow", "ship", "cache", "signin", "quokka-only"];

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await LogsClient.AcceptAsync(Http, DefaultKey.PublicKey,
            Line("pay", 10, "error", "Payment failed for order 1001", new()
            {
                ["status"] = 500, ["service"] = "checkout", ["request_id"] = "req-1", ["trace_id"] = "4bf92f3577b34da6a3ce929d0e0e4736",
                ["http"] = new JsonObject { ["request"] = new JsonObject { ["method"] = "POST" } }, ["customer"] = "Alice", ["elapsed"] = 100,
                ["error"] = "System.TimeoutException: gateway zanzibar timed out",
            }),
            Line("slow", 9, "warn", "Slow response", new()
            {
                ["status"] = "5xx", ["service"] = "checkout", ["http.request.method"] = "GET", ["customer"] = "bob", ["elapsed"] = 200,
            }),
            Line("ship", 8, "info", "Order shipped", new() { ["status"] = 404, ["service"] = "shipping", ["region"] = "eu-west", ["elapsed"] = 300 }),
            Line("cache", 7, "debug", "Cache warm", new() { ["service"] = "shipping", ["elapsed"] = 400 }),
            Line("signin", 6, "info", "User signed in", new() { ["status"] = 200, ["cached"] = true, ["user"] = "carol" }),
            Line("quokka-only", 5, "fatal", "Disk gone", new() { ["note"] = "the quokka ate it", ["elapsed"] = 1000 }));
    }

    private JsonObject Line(string name, int minutesAgo, string level, string message, JsonObject properties)
    {
        properties["name"] = name;
        properties["time"] = Now.AddMinutes(-minutesAgo).ToUnixTimeMilliseconds();
        properties["level"] = level;
        properties["msg"] = message;
        return properties;
    }
}
