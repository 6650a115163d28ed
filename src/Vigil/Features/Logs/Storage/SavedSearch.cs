namespace Vigil.Features.Logs.Storage;

/// <summary>A query someone named so the team can run it again from the search page.</summary>
public sealed record SavedSearch(long Id, long ProjectId, string Name, string Query, long CreatedAt);
