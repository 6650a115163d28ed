using Vigil.Protocols.LogQuery;

namespace Vigil.Features.Logs.Blocks.Evaluation;

/// <summary><c>field op number</c> over level, timestamp, pid or a JSON number property; any other
/// value (missing, text, boolean) makes every operator false, <c>!=</c> included.</summary>
internal sealed class NumberCondition(EventField field, CompareOperator op, double literal) : EventCondition
{
    public override bool Matches(StoredLogEvent ev) =>
        field.TryNumber(ev, out var value) && op.Holds(value.Double.CompareTo(literal));
}
