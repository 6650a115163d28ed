namespace Vigil.Features.Logs.Blocks.Evaluation;

/// <summary>A number read from an event, remembering whether it was an integer: SQLite answered
/// min, max and sum of integers with integers, and the API's answers should not change.</summary>
internal readonly record struct NumberValue(double Double, long Long, bool IsInteger)
{
    public static NumberValue Of(long value) => new(value, value, true);

    public static NumberValue Of(double value) => new(value, 0, false);

    public int CompareTo(NumberValue other) =>
        IsInteger && other.IsInteger ? Long.CompareTo(other.Long) : Double.CompareTo(other.Double);

    public object Boxed => IsInteger ? Long : (object)Double;
}
