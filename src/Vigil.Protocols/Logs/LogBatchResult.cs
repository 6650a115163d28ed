namespace Vigil.Protocols.Logs;

/// <summary>
/// What a batch parser produced. <paramref name="Fatal"/> set means the whole body was unusable
/// (not protobuf, not JSON) and nothing was read; otherwise <paramref name="Errors"/> lists the
/// records that were dropped and every other record is in <paramref name="Records"/>.
/// </summary>
public sealed record LogBatchResult(IReadOnlyList<LogRecord> Records, IReadOnlyList<LogLineError> Errors, ParseError? Fatal)
{
    public static LogBatchResult FromFatal(ParseError fatal) => new([], [], fatal);
}
