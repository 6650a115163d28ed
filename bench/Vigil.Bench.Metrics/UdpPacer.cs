using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Bench.Metrics;

/// <summary>Sends the workload's packets to a UDP port at a steady line rate, in 2 ms slices:
/// each slice sends what the schedule owes so far, so the rate holds without bursts of a second.</summary>
public static class UdpPacer
{
    public static long Send(StatsdWorkload workload, int port, int linesPerSecond, TimeSpan duration)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
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
                    socket.Send(workload.Packets[next]);
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
