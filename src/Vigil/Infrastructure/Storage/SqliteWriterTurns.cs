using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Vigil.Infrastructure.Storage;

/// <summary>
/// Takes turns at SQLite's single write lock. SQLite's own busy handler sleeps in growing steps (up to
/// 100 ms), so under a steady stream of ingest batches a small write — an alert, an outbox claim — kept
/// waking up inside the next batch and waited for several of them. Here a busy write polls every
/// millisecond, and the bulk writers (the ingest batch writers) step aside before their next transaction
/// while a small write is polling, so it runs as soon as the current batch commits. PostgreSQL has row
/// locks and never gets here.
/// </summary>
public static class SqliteWriterTurns
{
    private const int MaxPolls = 30_000;
    private static readonly TimeSpan s_pollWindow = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan s_maxStepAside = TimeSpan.FromMilliseconds(200);
    private static readonly AsyncLocal<bool> s_bulk = new();
    private static readonly BusyHandler s_handler = OnBusy;
    private static readonly IntPtr s_handlerPointer = Marshal.GetFunctionPointerForDelegate(s_handler);
    private static long s_lastSmallPoll;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int BusyHandler(IntPtr argument, int count);

    /// <summary>Replaces the connection's busy handler with the polling one (about 30 s before giving up, like the old timeout).</summary>
    public static void Install(SqliteConnection connection)
    {
        var code = sqlite3_busy_handler(connection.Handle!.DangerousGetHandle(), s_handlerPointer, IntPtr.Zero);
        if (code != 0)
            throw new InvalidOperationException($"SQLite refused the busy handler (code {code}).");
    }

    /// <summary>Whether a small write polled for the lock within the last few milliseconds.</summary>
    public static bool SmallWriteWaiting => Stopwatch.GetElapsedTime(Volatile.Read(ref s_lastSmallPoll)) < s_pollWindow;

    /// <summary>Marks the rest of the calling async flow as a bulk writer: its own waits do not make others step aside.</summary>
    public static void MarkBulk() => s_bulk.Value = true;

    /// <summary>Called by a bulk writer before its next transaction: waits (at most 200 ms) while a small write is waiting.</summary>
    public static async ValueTask StepAsideAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (SmallWriteWaiting && Stopwatch.GetElapsedTime(started) < s_maxStepAside)
            await Task.Delay(1, cancellationToken);
    }

    private static int OnBusy(IntPtr argument, int count)
    {
        if (!s_bulk.Value)
            Volatile.Write(ref s_lastSmallPoll, Stopwatch.GetTimestamp());
        if (count >= MaxPolls)
            return 0;
        Thread.Sleep(1);
        return 1;
    }

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_busy_handler(IntPtr database, IntPtr handler, IntPtr argument);
}
