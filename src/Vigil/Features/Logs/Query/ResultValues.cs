using Vigil.Features.Logs.Blocks.Evaluation;
using Vigil.Protocols.LogQuery;
using Vigil.Protocols.Logs;
using LogLevel = Vigil.Protocols.Logs.LogLevel;

namespace Vigil.Features.Logs.Query;

/// <summary>Turns raw aggregate cells into what a person reads: bins as times, levels as names.</summary>
public static class ResultValues
{
    public static object?[] Present(Aggregation aggregation, object?[] row)
    {
        for (var i = 0; i < aggregation.GroupBy.Count; i++)
        {
            var key = aggregation.GroupBy[i];
            if (key.Bin is not null && row[i] is not null)
                row[i] = DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(row[i]));
            else if (key.Field is not null && EventField.Resolve(key.Field).Kind == EventFieldKind.Level && row[i] is not null)
                row[i] = LogLevels.Name((LogLevel)Convert.ToInt32(row[i]));
        }
        return row;
    }
}
