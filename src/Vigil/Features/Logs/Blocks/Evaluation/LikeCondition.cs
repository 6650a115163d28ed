namespace Vigil.Features.Logs.Blocks.Evaluation;

/// <summary><c>field like 'pattern'</c> over the field's text form. A missing value matches no
/// pattern, so <c>not like</c> holds for it (the SQL's NOT COALESCE(LIKE, FALSE)).</summary>
internal sealed class LikeCondition(EventField field, LikePattern pattern, bool negated) : EventCondition
{
    public override bool Matches(StoredLogEvent ev)
    {
        Span<char> buffer = stackalloc char[128];
        return field.TryText(ev, buffer, out var text) ? pattern.Matches(text) != negated : negated;
    }
}
