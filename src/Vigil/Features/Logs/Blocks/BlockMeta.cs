namespace Vigil.Features.Logs.Blocks;

/// <summary>What a search reads about a block before deciding to read its events.</summary>
public sealed record BlockMeta(long Id, long MinTimestamp, long MaxTimestamp, int Count, byte[]? Filter);
