namespace Vigil.Features.Logs.Query;

/// <summary>A query that parsed but cannot run (a level or time that means nothing); shown like a syntax error.</summary>
public sealed class LogQueryException(string message) : Exception(message);
