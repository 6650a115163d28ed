using System.Text;

namespace Vigil.Bench.Metrics;

/// <summary>
/// A realistic StatsD mix over a fixed set of series (metric names × DogStatsD tags): half
/// counters (a fifth of them sampled at @0.1), a quarter timers, a fifth gauges, the rest sets.
/// Lines are packed into packets of at most ~1,400 bytes (under a LAN MTU) once, up front, so
/// sending costs only the syscall.
/// </summary>
public sealed class StatsdWorkload
{
    public const int MaxPacketBytes = 1_400;

    private StatsdWorkload(byte[][] packets, int[] lines)
    {
        Packets = packets;
        LinesPerPacket = lines;
    }

    public byte[][] Packets { get; }
    public int[] LinesPerPacket { get; }

    /// <summary>Series = 100 tag combinations (host × endpoint) per name.</summary>
    public static StatsdWorkload Build(int series, int lines, int seed = 7)
    {
        var random = new Random(seed);
        var names = Math.Max(1, series / 100);
        var packets = new List<byte[]>();
        var counts = new List<int>();
        var packet = new StringBuilder();
        var inPacket = 0;
        for (var i = 0; i < lines; i++)
        {
            var s = random.Next(series);
            var name = s % names;
            var tags = $"host:h{s / names % 10},endpoint:e{s / names / 10 % 10},env:bench";
            var line = (name % 20) switch
            {
                < 8 => $"app.requests.{name}:1|c|#{tags}",
                < 10 => $"app.sampled.{name}:1|c|@0.1|#{tags}",
                < 15 => $"app.latency.{name}:{random.Next(1, 2_000)}|ms|#{tags}",
                < 19 => $"app.queue.{name}:{random.Next(0, 500)}|g|#{tags}",
                _ => $"app.users.{name}:u{random.Next(10_000)}|s|#{tags}",
            };
            if (packet.Length + line.Length + 1 > MaxPacketBytes && inPacket > 0)
            {
                packets.Add(Encoding.UTF8.GetBytes(packet.ToString()));
                counts.Add(inPacket);
                packet.Clear();
                inPacket = 0;
            }
            if (inPacket > 0)
                packet.Append('\n');
            packet.Append(line);
            inPacket++;
        }
        if (inPacket > 0)
        {
            packets.Add(Encoding.UTF8.GetBytes(packet.ToString()));
            counts.Add(inPacket);
        }
        return new StatsdWorkload([.. packets], [.. counts]);
    }
}
