using System.Globalization;
using Vigil.Protocols.LogQuery;

namespace Vigil.Features.Logs.Query;

public sealed class PostgresLogDialect : ILogSqlDialect
{
    public string Property(FieldPath path, SqlParameters parameters) => path.Segments.Count == 1
        ? $"(properties -> {parameters.Add(path.Name)}::text)"
        : $"COALESCE(properties #> {parameters.Add(path.Segments.ToArray())}::text[], properties -> {parameters.Add(path.Name)}::text)";

    public string PropertyAsText(string value) => $"({value} #>> '{{}}')";

    public string PropertyAsNumber(string value) =>
        $"(CASE WHEN jsonb_typeof({value}) = 'number' THEN ({value} #>> '{{}}')::double precision END)";

    public string PropertyEqualsBoolean(string value, bool literal, SqlParameters parameters) =>
        $"({value} = '{(literal ? "true" : "false")}'::jsonb)";

    public string Has(FieldPath path, SqlParameters parameters) => $"({Property(path, parameters)} IS NOT NULL)";

    public string CompareText(string left, string op, string right) => $"(lower({left}) {op} lower({right}))";

    public string Like(string text, string pattern) => $"({text} ILIKE {pattern})";

    public string FullText(string text, SqlParameters parameters) =>
        $"(search @@ phraseto_tsquery('simple', {parameters.Add(text)}))";

    public string Percentile(string numeric, double rank) =>
        $"percentile_cont({(rank / 100).ToString(CultureInfo.InvariantCulture)}) WITHIN GROUP (ORDER BY {numeric})";
}
