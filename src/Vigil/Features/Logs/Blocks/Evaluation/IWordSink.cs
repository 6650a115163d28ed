namespace Vigil.Features.Logs.Blocks.Evaluation;

/// <summary>Receives an event's words one at a time, as they are found, in their original case.</summary>
internal interface IWordSink
{
    /// <returns>true to stop: the sink has seen what it was looking for</returns>
    bool Take(ReadOnlySpan<char> word);
}
