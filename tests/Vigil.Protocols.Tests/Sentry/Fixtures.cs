using System.Text;
using Vigil.Protocols.Sentry;

namespace Vigil.Protocols.Tests.Sentry;

/// <summary>Loads the golden envelopes captured from real SDKs (see tests/clients/).</summary>
internal static class Fixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Sentry", "Fixtures");

    public static IEnumerable<string> EnvelopeNames() =>
        System.IO.Directory.GetFiles(Directory, "*.envelope").Select(Path.GetFileName).Order()!;

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Directory, name));

    public static Envelope Envelope(string name)
    {
        var result = EnvelopeParser.Parse(Read(name));
        Assert.Null(result.Error);
        return result.Envelope!;
    }

    /// <summary>The event item of a fixture, normalised with a fixed clock far after capture.</summary>
    public static NormalizedEvent Event(string name)
    {
        var envelope = Envelope(name);
        var item = envelope.FirstItem("event") ?? throw new InvalidOperationException($"{name} has no event item");
        var result = EventNormalizer.Normalize(item.Payload.Span, Options with { EventIdOverride = envelope.EventId });
        Assert.Null(result.Error);
        return result.Event!;
    }

    public static readonly EventNormalizeOptions Options = new()
    {
        ReceivedAt = new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };

    public static NormalizedEvent Normalize(string json) => Normalize(json, Options);

    public static NormalizedEvent Normalize(string json, EventNormalizeOptions options)
    {
        var result = EventNormalizer.Normalize(Encoding.UTF8.GetBytes(json), options);
        Assert.Null(result.Error);
        return result.Event!;
    }
}
