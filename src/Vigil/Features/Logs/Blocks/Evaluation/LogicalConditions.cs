namespace Vigil.Features.Logs.Blocks.Evaluation;

// The combinators and constants: small enough to read together, like the AST's records.

internal sealed class ConstantCondition(bool value) : EventCondition
{
    public static readonly ConstantCondition True = new(true);
    public static readonly ConstantCondition False = new(false);

    public override bool Matches(StoredLogEvent ev) => value;
}

internal sealed class AndCondition(EventCondition left, EventCondition right) : EventCondition
{
    public override bool Matches(StoredLogEvent ev) => left.Matches(ev) && right.Matches(ev);
}

internal sealed class OrCondition(EventCondition left, EventCondition right) : EventCondition
{
    public override bool Matches(StoredLogEvent ev) => left.Matches(ev) || right.Matches(ev);
}

/// <summary>Every leaf answers true or false, never "unknown" (the SQL's COALESCE(…, FALSE)), so
/// negation is plain: <c>not status = 404</c> holds for events without a status.</summary>
internal sealed class NotCondition(EventCondition operand) : EventCondition
{
    public override bool Matches(StoredLogEvent ev) => !operand.Matches(ev);
}
