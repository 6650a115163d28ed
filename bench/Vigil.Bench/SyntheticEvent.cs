using System.Text;
using System.Text.Json;

namespace Vigil.Bench;

/// <summary>Writes one Node.js error event the way @sentry/node shapes it (compare the golden
/// envelopes under tests/Vigil.Protocols.Tests/Sentry/Fixtures): a 20-frame stack of library and
/// app frames with source context, breadcrumbs, request, user, tags and contexts, 5–10 KB.
/// The bug (and so the issue) is chosen by <c>bug</c>; everything a user or request changes varies.</summary>
internal static class SyntheticEvent
{
    private static readonly string[] Services = ["orders", "payments", "checkout", "inventory", "users", "search", "shipping", "billing", "auth", "catalog"];
    private static readonly string[] Errors = ["TypeError", "RangeError", "Error", "ReferenceError", "ValidationError", "TimeoutError", "SyntaxError", "NotFoundError"];
    private static readonly string[] Verbs = ["load", "save", "apply", "resolve", "render", "compute", "fetch", "validate", "refresh", "settle"];
    private static readonly string[] Nouns = ["Order", "Cart", "Invoice", "Customer", "Discount", "Stock", "Session", "Address", "Payment", "Token"];
    private static readonly string[] Library =
    [
        "node_modules/express/lib/router/layer.js|Layer.handle [as handle_request]",
        "node_modules/express/lib/router/route.js|next",
        "node_modules/express/lib/router/route.js|Route.dispatch",
        "node_modules/express/lib/router/index.js|Function.process_params",
        "node_modules/express/lib/router/index.js|next",
        "node_modules/body-parser/lib/read.js|invokeCallback",
        "node_modules/raw-body/index.js|done",
        "node:internal/process/task_queues|process.processTicksAndRejections",
        "node_modules/pg/lib/client.js|Client._handleReadyForQuery",
        "node_modules/pg-protocol/dist/parser.js|Parser.parse",
        "node:events|EventEmitter.emit",
        "node:internal/streams/readable|addChunk",
    ];

    public static string Write(int bug, int variant, Random random, double timestamp)
    {
        var service = Services[bug % Services.Length];
        var buffer = new MemoryStream(10 * 1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("exception");
            json.WriteStartArray("values");
            if (bug % 10 == 0)
                WriteException(json, bug, variant, service, cause: true, random);
            WriteException(json, bug, variant, service, cause: false, random);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("event_id", "{{ID}}");
            json.WriteString("level", bug % 7 == 0 ? "warning" : "error");
            json.WriteString("platform", "node");
            json.WriteString("server_name", $"web-{variant % 6}.prod.internal");
            json.WriteNumber("timestamp", Math.Round(timestamp + variant * 0.013, 3));
            json.WriteString("environment", variant % 5 == 0 ? "staging" : "production");
            json.WriteString("release", $"shop@2.14.{variant % 3}");
            json.WriteString("transaction", $"POST /api/{service}/:id");
            WriteContexts(json, random);
            WriteSdk(json);
            WriteTags(json, service, variant, random);
            WriteUser(json, random);
            WriteRequest(json, service, random);
            WriteBreadcrumbs(json, service, timestamp, random);
            json.WriteStartObject("extra");
            json.WriteNumber("attempt", random.Next(1, 4));
            json.WriteString("correlation_id", Guid.NewGuid().ToString());
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteException(Utf8JsonWriter json, int bug, int variant, string service, bool cause, Random random)
    {
        json.WriteStartObject();
        json.WriteString("type", cause ? "DatabaseError" : Errors[bug % Errors.Length]);
        json.WriteString("value", cause
            ? $"deadlock detected while updating {service} row {random.Next(1, 1_000_000)}"
            : $"Cannot {Verbs[bug % 10]} {Nouns[bug / 5 % 10].ToLowerInvariant()} {random.Next(1, 1_000_000)}: {Nouns[(bug + variant) % 10].ToLowerInvariant()} is undefined");
        json.WriteStartObject("stacktrace");
        json.WriteStartArray("frames");
        // Oldest first, as Sentry sends them: library frames below the app's.
        for (var i = 0; i < Library.Length; i++)
        {
            var (file, function) = Split(Library[(i + bug) % Library.Length]);
            json.WriteStartObject();
            json.WriteString("filename", file);
            json.WriteString("module", Path.GetFileNameWithoutExtension(file));
            json.WriteString("function", function);
            json.WriteNumber("lineno", 95 + (i * 37 + bug) % 400);
            json.WriteNumber("colno", 5 + i % 20);
            json.WriteBoolean("in_app", false);
            json.WriteEndObject();
        }
        for (var i = 0; i < 8; i++)
        {
            var file = $"/srv/app/src/{service}/{Nouns[(bug + i) % 10].ToLowerInvariant()}{(cause ? "Repository" : "Service")}.js";
            var function = $"{Verbs[(bug * 3 + i) % 10]}{Nouns[(bug + i * 7) % 10]}{(i == 7 ? bug.ToString() : "")}";
            json.WriteStartObject();
            json.WriteString("filename", file);
            json.WriteString("module", $"{service}:{Path.GetFileNameWithoutExtension(file)}");
            json.WriteString("function", function);
            json.WriteNumber("lineno", 20 + (bug * 13 + i * 29) % 300);
            json.WriteNumber("colno", 9 + i);
            json.WriteBoolean("in_app", true);
            // Context lines only where the SDK had the source nearby: the newest app frames.
            if (i >= 4)
            {
                json.WriteStartArray("pre_context");
                for (var line = 0; line < 3; line++)
                    json.WriteStringValue($"  const {Nouns[(i + line) % 10].ToLowerInvariant()} = await this.{Verbs[(line + bug) % 10]}(input.{Nouns[line].ToLowerInvariant()}Id);");
                json.WriteEndArray();
                json.WriteString("context_line", $"  return {function}(ctx, {Nouns[i].ToLowerInvariant()}.items.map((item) => item.id));");
                json.WriteStartArray("post_context");
                for (var line = 0; line < 3; line++)
                    json.WriteStringValue(line == 0 ? "}" : $"export function helper{line}(value) {{ return value ?? defaults[{line}]; }}");
                json.WriteEndArray();
            }
            if (i == 7)
            {
                json.WriteStartObject("vars");
                json.WriteString("orderId", random.Next(1, 1_000_000).ToString());
                json.WriteNumber("retries", variant % 3);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("mechanism");
        json.WriteString("type", cause ? "chained" : "onunhandledrejection");
        json.WriteBoolean("handled", false);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteContexts(Utf8JsonWriter json, Random random)
    {
        json.WriteStartObject("contexts");
        json.WriteStartObject("trace");
        json.WriteString("trace_id", Hex(random, 16));
        json.WriteString("span_id", Hex(random, 8));
        json.WriteEndObject();
        json.WriteStartObject("runtime");
        json.WriteString("name", "node");
        json.WriteString("version", "v20.20.2");
        json.WriteEndObject();
        json.WriteStartObject("os");
        json.WriteString("kernel_version", "6.1.0-28-amd64");
        json.WriteString("name", "Linux");
        json.WriteEndObject();
        json.WriteStartObject("app");
        json.WriteString("app_start_time", "2026-11-21T08:00:00.000Z");
        json.WriteNumber("app_memory", random.Next(80_000_000, 300_000_000));
        json.WriteEndObject();
        json.WriteStartObject("cloud_resource");
        json.WriteString("cloud.provider", "hetzner");
        json.WriteString("cloud.region", "eu-central");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteSdk(Utf8JsonWriter json)
    {
        json.WriteStartObject("sdk");
        json.WriteString("name", "sentry.javascript.node");
        json.WriteString("version", "8.42.0");
        json.WriteStartArray("integrations");
        foreach (var name in (string[])["InboundFilters", "FunctionToString", "LinkedErrors", "RequestData", "Console", "Http", "Undici", "OnUncaughtException", "OnUnhandledRejection", "ContextLines", "LocalVariables", "Context", "Modules", "Express", "Postgres"])
            json.WriteStringValue(name);
        json.WriteEndArray();
        json.WriteStartArray("packages");
        json.WriteStartObject();
        json.WriteString("name", "npm:@sentry/node");
        json.WriteString("version", "8.42.0");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteTags(Utf8JsonWriter json, string service, int variant, Random random)
    {
        json.WriteStartObject("tags");
        json.WriteString("service", service);
        json.WriteString("region", variant % 2 == 0 ? "eu-west-1" : "eu-central-1");
        json.WriteString("customer_tier", (random.Next(3)) switch { 0 => "free", 1 => "team", _ => "enterprise" });
        json.WriteString("feature.new_checkout", random.Next(2) == 0 ? "on" : "off");
        json.WriteString("node_version", "20");
        json.WriteString("pod", $"{service}-{random.Next(8)}");
        json.WriteEndObject();
    }

    private static void WriteUser(Utf8JsonWriter json, Random random)
    {
        var id = random.Next(1, 2_000);
        json.WriteStartObject("user");
        json.WriteString("id", id.ToString());
        json.WriteString("username", $"user{id}");
        json.WriteString("email", $"user{id}@example.com");
        json.WriteString("ip_address", $"10.{id % 250}.{random.Next(250)}.{random.Next(1, 250)}");
        json.WriteEndObject();
    }

    private static void WriteRequest(Utf8JsonWriter json, string service, Random random)
    {
        var id = random.Next(1, 1_000_000);
        json.WriteStartObject("request");
        json.WriteString("method", "POST");
        json.WriteString("url", $"https://shop.example.com/api/{service}/{id}");
        json.WriteString("query_string", $"expand=items&trace={random.Next(1000)}");
        json.WriteStartObject("headers");
        json.WriteString("host", "shop.example.com");
        json.WriteString("user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");
        json.WriteString("accept", "application/json");
        json.WriteString("content-type", "application/json");
        json.WriteString("x-request-id", Guid.NewGuid().ToString());
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteBreadcrumbs(Utf8JsonWriter json, string service, double timestamp, Random random)
    {
        json.WriteStartArray("breadcrumbs");
        var count = random.Next(6, 14);
        for (var i = 0; i < count; i++)
        {
            json.WriteStartObject();
            json.WriteNumber("timestamp", Math.Round(timestamp - (count - i) * 0.25, 3));
            switch (i % 3)
            {
                case 0:
                    json.WriteString("category", "http");
                    json.WriteString("type", "http");
                    json.WriteStartObject("data");
                    json.WriteString("method", "GET");
                    json.WriteString("url", $"http://{service}-api.internal/v1/items/{random.Next(100_000)}");
                    json.WriteNumber("status_code", random.Next(10) == 0 ? 503 : 200);
                    json.WriteEndObject();
                    break;
                case 1:
                    json.WriteString("category", "console");
                    json.WriteString("level", "info");
                    json.WriteString("message", $"cache miss for {service}:{random.Next(100_000)} after {random.Next(1, 90)} ms");
                    break;
                default:
                    json.WriteString("category", "query");
                    json.WriteString("message", $"SELECT * FROM {service} WHERE id = $1 AND tenant_id = $2 -- {random.Next(1, 40)} rows");
                    break;
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static (string File, string Function) Split(string entry)
    {
        var bar = entry.IndexOf('|');
        return (entry[..bar], entry[(bar + 1)..]);
    }

    private static string Hex(Random random, int bytes)
    {
        Span<byte> data = stackalloc byte[bytes];
        random.NextBytes(data);
        return Convert.ToHexStringLower(data);
    }
}
