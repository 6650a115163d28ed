namespace Vigil.Features.Logs.Blocks;

/// <summary>A block ready to store: its events' lines ('\n'-separated UTF-8 JSON), their time span,
/// count and levels (bit n set when an event of level n is inside), and its word filter.</summary>
public sealed record LogBlock(long ProjectId, long MinTimestamp, long MaxTimestamp, int Count, int Levels, byte[] Filter, byte[] Data);
