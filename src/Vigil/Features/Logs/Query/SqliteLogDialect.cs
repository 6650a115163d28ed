using System.Globalization;
using Vigil.Protocols.LogQuery;

namespace Vigil.Features.Logs.Query;

public sealed class SqliteLogDialect : ILogSqlDialect
{
    public string Property(FieldPath path, SqlParameters parameters) => path.Segments.Count == 1
        ? $"json_extract(properties, {parameters.Add(JsonPath(path.Segments))})"
        : $"COALESCE(json_extract(properties, {parameters.Add(JsonPath(path.Segments))}), json_extract(properties, {parameters.Add(JsonPath([path.Name]))}))";

    public string PropertyAsText(string value) => $"CAST({value} AS TEXT)";

    public string PropertyAsNumber(string value) => $"(CASE WHEN typeof({value}) IN ('integer', 'real') THEN {value} END)";

    public string PropertyEqualsBoolean(string value, bool literal, SqlParameters parameters) =>
        $"({value} = {(literal ? 1 : 0)})";

    public string Has(FieldPath path, SqlParameters parameters) => path.Segments.Count == 1
        ? $"(json_type(properties, {parameters.Add(JsonPath(path.Segments))}) IS NOT NULL)"
        : $"(COALESCE(json_type(properties, {parameters.Add(JsonPath(path.Segments))}), json_type(properties, {parameters.Add(JsonPath([path.Name]))})) IS NOT NULL)";

    public string CompareText(string left, string op, string right) => $"({left} {op} {right} COLLATE NOCASE)";

    public string Like(string text, string pattern) => $"({text} LIKE {pattern})";

    public string FullText(string text, SqlParameters parameters) =>
        $"(id IN (SELECT rowid FROM log_text WHERE log_text MATCH {parameters.Add(Phrase(text))}))";

    public string Percentile(string numeric, double rank) =>
        $"vigil_percentile({numeric}, {rank.ToString(CultureInfo.InvariantCulture)})";

    /// <summary>An FTS5 phrase: the text's words in order, with quotes doubled so nothing is FTS syntax.</summary>
    public static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";

    private static string JsonPath(IReadOnlyList<string> segments) =>
        "$" + string.Concat(segments.Select(s => ".\"" + s.Replace("\"", "") + "\""));
}
