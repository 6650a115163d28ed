namespace Vigil.Features.Logs.Blocks;

/// <summary>What a search reads about a block before deciding to read its events: its time span, and
/// when the search can use them, its word filter and levels (a bit per level; <see cref="LogFilter.AnyLevel"/>
/// when not read).</summary>
public sealed record BlockMeta(long Id, long MinTimestamp, long MaxTimestamp, byte[]? Filter, int Levels = LogFilter.AnyLevel);
