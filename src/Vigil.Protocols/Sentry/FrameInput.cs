namespace Vigil.Protocols.Sentry;

/// <summary>
/// What grouping needs of one stored frame, as written (cut and scrubbed): captured while the
/// frame is written so <see cref="EventGrouper"/> never reads JSON again.
/// </summary>
internal sealed record FrameInput(
    string? Function, string? Module, string? Filename, string? AbsPath, string? ContextLine, string? LineNumber, bool? InApp);
