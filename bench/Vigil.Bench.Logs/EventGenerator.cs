using System.Globalization;
using System.Text;

namespace Vigil.Bench.Logs;

/// <summary>
/// Deterministic, web-service-like log events: ~30 message templates, ten properties each
/// (request, user, order, client, trace, region, version), mostly Information with some Warning
/// and Error. Two rarities are planted for the search benchmark: <see cref="RareTerm"/> in ~0.01%
/// of events (an exception), and StatusCode 503 in ~0.5%.
/// </summary>
public sealed class EventGenerator(int seed)
{
    public const string RareTerm = "QuotaExhaustedException";
    public const int RareEvery = 10_000;

    private static readonly string[] Templates =
    [
        "HTTP {Method} {RequestPath} responded {StatusCode} in {Elapsed} ms",
        "Request starting {Method} {RequestPath}",
        "Request finished {Method} {RequestPath} - {StatusCode} in {Elapsed} ms",
        "Executing endpoint {RequestPath}",
        "Order {OrderId} placed by user {UserId}",
        "Order {OrderId} shipped to region {Region}",
        "Payment for order {OrderId} authorized in {Elapsed} ms",
        "User {UserId} signed in from {ClientIp}",
        "User {UserId} signed out",
        "Cache miss for {RequestPath}, loading from database",
        "Cache hit for user {UserId}",
        "Inventory reserved for order {OrderId}",
        "Sending confirmation email for order {OrderId} to user {UserId}",
        "Rate limit check passed for {ClientIp}",
        "Feature flag evaluated for user {UserId} in {Region}",
        "Background job {OrderId} completed in {Elapsed} ms",
        "Health check completed in {Elapsed} ms",
        "Connection pool grew for region {Region}",
        "Token refreshed for user {UserId}",
        "Search for {RequestPath} returned in {Elapsed} ms",
        "Recommendation model {Version} scored user {UserId}",
        "Webhook delivered for order {OrderId} with {StatusCode}",
        "Cart updated by user {UserId}",
        "Price computed for order {OrderId} in {Region}",
        "Session created for {ClientIp}",
        "Audit record written for user {UserId}",
        "Slow request {Method} {RequestPath} took {Elapsed} ms",
        "Retrying call to inventory for order {OrderId}",
        "Upstream returned {StatusCode} for {RequestPath}",
        "Order {OrderId} failed validation for user {UserId}",
    ];

    private static readonly string[] Paths = ["/api/orders", "/api/orders/{id}", "/api/cart", "/api/users/me", "/api/search", "/checkout", "/api/payments", "/health", "/api/products", "/login"];
    private static readonly string[] Methods = ["GET", "GET", "GET", "POST", "POST", "PUT", "DELETE"];
    private static readonly string[] Regions = ["eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-southeast-1"];
    private static readonly string[] Versions = ["4.12.0", "4.12.1", "4.13.0"];
    private static readonly string[] Services = ["checkout", "catalog", "orders", "payments", "identity"];
    private static readonly int[] Statuses = [200, 200, 200, 200, 200, 200, 201, 204, 301, 304, 400, 401, 404, 500];

    private readonly Random _random = new(seed);

    /// <summary>Event <paramref name="index"/> of <paramref name="total"/>, evenly spread from <paramref name="startMs"/> over <paramref name="spanMs"/>.</summary>
    public BenchEvent Next(long index, long total, long startMs, long spanMs)
    {
        var r = _random;
        var timestamp = startMs + (long)(spanMs * (index / (double)total));
        var rare = index % RareEvery == RareEvery / 2;
        var status = index % 200 == 7 ? 503 : Statuses[r.Next(Statuses.Length)];
        var properties = new List<KeyValuePair<string, object>>(10)
        {
            new("RequestPath", Paths[r.Next(Paths.Length)]),
            new("StatusCode", status),
            new("Elapsed", Math.Round(r.NextDouble() * 250, 4)),
            new("UserId", "u-" + r.Next(1, 200_000).ToString(CultureInfo.InvariantCulture)),
            new("OrderId", "ord-" + r.Next(1, 5_000_000).ToString(CultureInfo.InvariantCulture)),
            new("Method", Methods[r.Next(Methods.Length)]),
            new("ClientIp", $"10.{r.Next(256)}.{r.Next(256)}.{r.Next(1, 255)}"),
            new("TraceId", Convert.ToHexStringLower(RandomBytes(r, 16))),
            new("Region", Regions[r.Next(Regions.Length)]),
            new("Version", Versions[r.Next(Versions.Length)]),
        };
        var roll = r.Next(100);
        var level = rare || status >= 500 || roll < 2 ? BenchLevel.Error : roll < 10 ? BenchLevel.Warning : BenchLevel.Information;
        var template = rare ? "Payment for order {OrderId} failed for user {UserId}" : Templates[r.Next(Templates.Length)];
        return new BenchEvent(timestamp, level, template, Render(template, properties),
            Services[(int)(index / 1000 % Services.Length)], $"web-{index / 1000 % 8:00}", properties,
            rare ? "Shop.Payments." + RareTerm : null,
            rare ? "The payment provider quota is exhausted." : null,
            rare ? $"Shop.Payments.{RareTerm}: The payment provider quota is exhausted.\n   at Shop.Payments.Gateway.ChargeAsync(Order order)\n   at Shop.Orders.Checkout.PlaceAsync()" : null);
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Render(string template, List<KeyValuePair<string, object>> properties)
    {
        var text = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0)
                break;
            var close = template.IndexOf('}', open);
            text.Append(template, i, open - i);
            var name = template[(open + 1)..close];
            text.Append(Format(properties.First(p => p.Key == name).Value));
            i = close + 1;
        }
        return text.Append(template, i, template.Length - i).ToString();
    }

    public static string Format(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
