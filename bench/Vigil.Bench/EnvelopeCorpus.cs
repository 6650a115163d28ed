using System.Text;

namespace Vigil.Bench;

/// <summary>Pre-built envelope bodies: 50 bugs × many variants, each split around its two event_id
/// slots (envelope header and event) so every send carries a fresh id without re-serializing.</summary>
internal sealed class EnvelopeCorpus
{
    private const string IdSlot = "{{ID}}";
    private readonly Template[] _templates;
    private long _next;

    private EnvelopeCorpus(Template[] templates, bool gzip, string dsn)
    {
        _templates = templates;
        Gzip = gzip;
        Dsn = dsn;
    }

    public bool Gzip { get; }
    public string Dsn { get; }
    public double AverageEventBytes => _templates.Average(t => t.EventBytes);
    public double AverageBodyBytes => _templates.Average(t => t.Parts.Sum(p => p.Length) + (Gzip ? 2 * GzipMember.StoredSize(32) : 64));

    public static EnvelopeCorpus Build(string dsn, int bugs, int variantsPerBug, bool gzip)
    {
        var random = new Random(20261121);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        var templates = new Template[bugs * variantsPerBug];
        for (var variant = 0; variant < variantsPerBug; variant++)
        {
            for (var bug = 0; bug < bugs; bug++)
            {
                var payload = SyntheticEvent.Write(bug, variant, random, timestamp);
                var header = $"{{\"event_id\":\"{IdSlot}\",\"sent_at\":\"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ}\",\"dsn\":\"{dsn}\",\"sdk\":{{\"name\":\"sentry.javascript.node\",\"version\":\"8.42.0\"}}}}";
                var envelope = $"{header}\n{{\"type\":\"event\",\"length\":{EventBytes(payload)}}}\n{payload}\n";
                var pieces = envelope.Split(IdSlot);
                var parts = pieces.Select(p => Encoding.UTF8.GetBytes(p)).Select(p => gzip ? GzipMember.Compress(p) : p).ToArray();
                templates[variant * bugs + bug] = new Template(parts, EventBytes(payload));
            }
        }
        return new EnvelopeCorpus(templates, gzip, dsn);
    }

    /// <summary>The next body in round-robin order, with a new event id in both slots.</summary>
    public byte[] NextBody()
    {
        var template = _templates[(int)(Interlocked.Increment(ref _next) % _templates.Length)];
        Span<byte> id = stackalloc byte[32];
        Span<byte> raw = stackalloc byte[16];
        Random.Shared.NextBytes(raw);
        Encoding.ASCII.GetBytes(Convert.ToHexStringLower(raw), id);
        var slot = Gzip ? GzipMember.StoredSize(id.Length) : id.Length;
        var body = new byte[template.Parts.Sum(p => p.Length) + slot * (template.Parts.Length - 1)];
        var at = 0;
        for (var i = 0; i < template.Parts.Length; i++)
        {
            if (i > 0)
            {
                if (Gzip)
                    at += GzipMember.WriteStored(id, body.AsSpan(at));
                else
                {
                    id.CopyTo(body.AsSpan(at));
                    at += id.Length;
                }
            }
            template.Parts[i].CopyTo(body, at);
            at += template.Parts[i].Length;
        }
        return body;
    }

    /// <summary>The event's length once its id slot holds a 32-character id.</summary>
    private static int EventBytes(string payload) => Encoding.UTF8.GetByteCount(payload) - IdSlot.Length + 32;

    private sealed record Template(byte[][] Parts, int EventBytes);
}
