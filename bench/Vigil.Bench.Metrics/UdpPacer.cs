using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Bench.Metrics;

/// <summary>Sends the workload's packets to a UDP port at a steady line rate, in 2 ms slices:
/// each slice sends what the schedule owes so far, so the rate holds without bursts of a second.
/// Packets go round-robin over <c>senders</c> sockets (each its own source port), as from that
/// many app processes; a server may spread flows over several receive sockets.</summary>
public static class UdpPacer
{
    public static long Send(StatsdWorkload workload, int port, int linesPerSecond, TimeSpan duration, int senders = 1)
    {
        var sockets = new Socket[Math.Max(1, senders)];
        for (var i = 0; i < sockets.Length; i++)
        {
            sockets[i] = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            sockets[i].Connect(new IPEndPoint(IPAddress.Loopback, port));
        }
        try
        {
            return Send(workload, sockets, linesPerSecond, duration);
        }
        finally
        {
            foreach (var socket in sockets)
                socket.Dispose();
        }
    }

    private static long Send(StatsdWorkload workload, Socket[] sockets, int linesPerSecond, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        long sent = 0;
        var next = 0;
        while (clock.Elapsed < duration)
        {
            var owed = (long)(clock.Elapsed.TotalSeconds * linesPerSecond);
            while (sent < owed)
            {
                try
                {
                    sockets[next % sockets.Length].Send(workload.Packets[next]);
                }
                catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionRefused)
                {
                    // Nothing listens on the port (an earlier datagram came back as ICMP port
                    // unreachable): the line is sent and lost, which the count will show.
                }
                sent += workload.LinesPerPacket[next];
                next = (next + 1) % workload.Packets.Length;
            }
            Thread.Sleep(TimeSpan.FromMilliseconds(2));
        }
        return sent;
    }
}
