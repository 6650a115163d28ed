namespace Vigil.Bench;

/// <summary>Reads a process's resident memory from /proc/&lt;pid&gt;/status: VmRSS over time, VmHWM for the peak.</summary>
internal sealed class RssSampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _maxSampledKb;

    public RssSampler(int pid)
    {
        _pid = pid;
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                if (Read("VmRSS:") is { } rss)
                    _maxSampledKb = Math.Max(_maxSampledKb, rss);
                try { await Task.Delay(250, _stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    /// <summary>User plus system CPU the process has used so far (from /proc/&lt;pid&gt;/stat).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{_pid}/stat");
                // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
                return TimeSpan.FromSeconds(ticks / 100.0);
            }
            catch (IOException)
            {
                return TimeSpan.Zero;
            }
        }
    }

    /// <summary>The kernel's high-water mark, or the highest sample if the process is gone.</summary>
    public double PeakMegabytes => (Read("VmHWM:") ?? _maxSampledKb) / 1024.0;

    private long? Read(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0]);
            }
        }
        catch (IOException)
        {
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
