namespace Vigil.Features.Logs.Blocks.Evaluation;

/// <summary><c>has(field)</c>: see <see cref="EventField.Has"/>.</summary>
internal sealed class HasCondition(EventField field) : EventCondition
{
    public override bool Matches(StoredLogEvent ev) => field.Has(ev);
}
