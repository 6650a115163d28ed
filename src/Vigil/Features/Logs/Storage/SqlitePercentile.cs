using Microsoft.Data.Sqlite;

namespace Vigil.Features.Logs.Storage;

/// <summary>SQLite has no percentile aggregate in this build: <c>vigil_percentile(x, rank)</c>
/// collects a group's numbers and interpolates like PostgreSQL's percentile_cont.</summary>
public static class SqlitePercentile
{
    public static void Register(SqliteConnection connection) =>
        connection.CreateAggregate<object?, double, Accumulator?, double?>(
            "vigil_percentile",
            null,
            static (accumulator, value, rank) =>
            {
                accumulator ??= new Accumulator(rank);
                if (value is long or double)
                    accumulator.Values.Add(Convert.ToDouble(value));
                return accumulator;
            },
            static accumulator => accumulator is null || accumulator.Values.Count == 0 ? null : Interpolate(accumulator.Values, accumulator.Rank),
            isDeterministic: true);

    public static double Interpolate(List<double> values, double rank)
    {
        values.Sort();
        var position = Math.Clamp(rank, 0, 100) / 100 * (values.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, values.Count - 1);
        return values[lower] + (values[upper] - values[lower]) * (position - lower);
    }

    public sealed class Accumulator(double rank)
    {
        public double Rank { get; } = rank;
        public List<double> Values { get; } = [];
    }
}
