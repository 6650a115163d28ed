using Vigil.Protocols.LogQuery;

namespace Vigil.Features.Logs.Query;

/// <summary>The few expressions whose SQL differs between SQLite (JSON text + FTS5) and PostgreSQL (JSONB + tsvector).</summary>
public interface ILogSqlDialect
{
    /// <summary>A property's value as the engine holds it (SQLite: json_extract's native value; PostgreSQL: jsonb).
    /// A dotted name matches a nested property or a flat key with dots (OpenTelemetry attributes are flat).</summary>
    string Property(FieldPath path, SqlParameters parameters);

    string PropertyAsText(string value);

    /// <summary>The value when it is a JSON number, else NULL: <c>status &gt;= 500</c> never matches the text "5xx".</summary>
    string PropertyAsNumber(string value);

    string PropertyEqualsBoolean(string value, bool literal, SqlParameters parameters);

    string Has(FieldPath path, SqlParameters parameters);

    /// <summary>Case-insensitive comparison of two text expressions.</summary>
    string CompareText(string left, string op, string right);

    string Like(string text, string pattern);

    /// <summary>Events whose full-text index holds the words of <paramref name="text"/> in order.</summary>
    string FullText(string text, SqlParameters parameters);

    /// <summary>An aggregate percentile (0–100) over a numeric expression.</summary>
    string Percentile(string numeric, double rank);
}
