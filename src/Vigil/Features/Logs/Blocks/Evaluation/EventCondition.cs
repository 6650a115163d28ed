namespace Vigil.Features.Logs.Blocks.Evaluation;

/// <summary>One node of a compiled filter. Conditions hold no per-event state, so one compiled
/// filter can be evaluated from several threads at once.</summary>
internal abstract class EventCondition
{
    public abstract bool Matches(StoredLogEvent ev);
}
