namespace Vigil.Features.Logs.Blocks.Evaluation;

/// <summary>How a field compares: by number (level, timestamp, pid), as text (the text columns) or
/// by the JSON type of the value (properties).</summary>
internal enum EventFieldKind
{
    Timestamp,
    Level,
    Number,
    Text,
    Property,
}
