namespace Vigil.Protocols.StatsD;

public enum StatsdLineStatus
{
    Metric,
    /// <summary>Blank lines, DogStatsD events (<c>_e{…}</c>) and service checks (<c>_sc|…</c>): not metrics, not errors.</summary>
    Skipped,
    Invalid,
}
