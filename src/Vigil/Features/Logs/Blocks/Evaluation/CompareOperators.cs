using Vigil.Protocols.LogQuery;

namespace Vigil.Features.Logs.Blocks.Evaluation;

internal static class CompareOperators
{
    /// <summary>Whether <paramref name="op"/> holds for a comparison whose sign is <paramref name="sign"/>.</summary>
    public static bool Holds(this CompareOperator op, int sign) => op switch
    {
        CompareOperator.Equal => sign == 0,
        CompareOperator.NotEqual => sign != 0,
        CompareOperator.Less => sign < 0,
        CompareOperator.LessOrEqual => sign <= 0,
        CompareOperator.Greater => sign > 0,
        _ => sign >= 0,
    };
}
