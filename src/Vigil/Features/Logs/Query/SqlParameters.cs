using Dapper;

namespace Vigil.Features.Logs.Query;

/// <summary>Collects a compiled query's values: every literal and JSON path is a bound parameter, never text in the SQL.</summary>
public sealed class SqlParameters
{
    public DynamicParameters Values { get; } = new();
    private int _next;

    public string Add(object? value)
    {
        var name = "q" + _next++;
        Values.Add(name, value);
        return "@" + name;
    }
}
