using Vigil.Protocols.LogQuery;

namespace Vigil.Features.Logs.Blocks.Evaluation;

/// <summary><c>field op 'text'</c>, ignoring case (<see cref="LowerCase"/>), over a text column or a
/// property's text form; a missing value makes every operator false.</summary>
internal sealed class TextCompareCondition(EventField field, CompareOperator op, string literal) : EventCondition
{
    private readonly string _lowered = literal.ToLowerInvariant();

    public override bool Matches(StoredLogEvent ev)
    {
        Span<char> buffer = stackalloc char[128];
        return field.TryText(ev, buffer, out var text) && op.Holds(LowerCase.Compare(text, _lowered));
    }
}
