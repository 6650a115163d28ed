namespace Vigil.Features.Logs.Blocks.Evaluation;

/// <summary><c>field = null</c> holds when the field has no value (a property missing or JSON
/// null, a column null); <c>field != null</c> when it has one. Like the SQL, the other operators
/// against null mean the same as <c>= null</c>.</summary>
internal sealed class NullCondition(EventField field, bool wantNull) : EventCondition
{
    public override bool Matches(StoredLogEvent ev) => field.HasValue(ev) != wantNull;
}
