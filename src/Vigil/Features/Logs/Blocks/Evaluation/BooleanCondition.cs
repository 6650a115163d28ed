using System.Text.Json;

namespace Vigil.Features.Logs.Blocks.Evaluation;

/// <summary><c>property = true</c> holds for JSON true only (not the number 1, not the text
/// "true"); <c>!=</c> holds for any other value the property has, and, like every other <c>!=</c>,
/// not when it is missing or null.</summary>
/// <remarks>The SQL differed here in two ways: on SQLite json_extract turns true into 1, so a
/// property holding the number 1 equalled true; and its <c>!=</c> was NOT COALESCE(=, FALSE), which
/// made <c>cached != true</c> hold for events without <c>cached</c>, unlike every other <c>!=</c>.
/// We follow PostgreSQL for the first and the rule for missing values for the second.</remarks>
internal sealed class BooleanCondition(EventField property, bool literal, bool negated) : EventCondition
{
    public override bool Matches(StoredLogEvent ev)
    {
        if (!property.TryProperty(ev, out var value))
            return false;
        var equal = value.ValueKind == (literal ? JsonValueKind.True : JsonValueKind.False);
        return equal != negated;
    }
}
