namespace Vigil.Bench;

/// <summary>Command-line settings. Defaults are the recorded suite; --quick is for development.</summary>
internal sealed class BenchSettings
{
    public List<string> Storages { get; } = ["sqlite", "postgres"];
    public List<LoadMode> Modes { get; } = [LoadMode.Max, LoadMode.Fixed];
    public int Senders { get; set; } = 64;
    public int Rate { get; set; } = 5_000;
    // 30 s: on two busy cores the tiered JIT is still recompiling hot methods 10 s in (dotnet_jit_seconds_total in /metrics).
    public TimeSpan Warmup { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(30);
    public bool Gzip { get; set; } = true;
    public string? VigilDll { get; set; }
    public Dictionary<string, string> ServerEnvironment { get; } = [];
    /// <summary>--alert-latency: issue 5's benchmark instead (background load at --rate, new-issue probes).</summary>
    public bool AlertLatency { get; set; }
    public int Probes { get; set; } = 100;
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromMilliseconds(300);

    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--quick":
                    settings.Warmup = TimeSpan.FromSeconds(2);
                    settings.Duration = TimeSpan.FromSeconds(8);
                    break;
                case "--storage":
                    Replace(settings.Storages, Next() is "both" ? ["sqlite", "postgres"] : [args[i]]);
                    break;
                case "--mode":
                    Replace(settings.Modes, Next() switch { "max" => [LoadMode.Max], "fixed" => [LoadMode.Fixed], _ => [LoadMode.Max, LoadMode.Fixed] });
                    break;
                case "--senders": settings.Senders = int.Parse(Next()); break;
                case "--rate": settings.Rate = int.Parse(Next()); break;
                case "--warmup": settings.Warmup = TimeSpan.FromSeconds(double.Parse(Next())); break;
                case "--duration": settings.Duration = TimeSpan.FromSeconds(double.Parse(Next())); break;
                case "--no-gzip": settings.Gzip = false; break;
                case "--alert-latency": settings.AlertLatency = true; break;
                case "--probes": settings.Probes = int.Parse(Next()); break;
                case "--probe-interval": settings.ProbeInterval = TimeSpan.FromMilliseconds(double.Parse(Next())); break;
                case "--vigil": settings.VigilDll = Next(); break;
                case "--server-env":
                    var pair = Next().Split('=', 2);
                    settings.ServerEnvironment[pair[0]] = pair.Length > 1 ? pair[1] : "";
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}. Options: --quick --storage sqlite|postgres|both --mode max|fixed|both " +
                        "--senders N --rate R --warmup S --duration S --no-gzip --vigil PATH --server-env NAME=VALUE --alert-latency --probes N --probe-interval MS");
            }
        }
        return settings;
    }

    public IEnumerable<Scenario> Scenarios() =>
        from storage in Storages
        from mode in Modes
        select new Scenario(storage, mode, Senders, Rate, Warmup, Duration);

    private static void Replace<T>(List<T> list, IEnumerable<T> values)
    {
        list.Clear();
        list.AddRange(values);
    }
}
