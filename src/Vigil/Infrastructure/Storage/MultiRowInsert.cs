using System.Data.Common;
using System.Text;

namespace Vigil.Infrastructure.Storage;

/// <summary>Writes many rows with one statement per chunk (<c>VALUES (…), (…), …</c>): a batch
/// costs a handful of round trips instead of one per row, which is what bounds the writer on
/// PostgreSQL and costs statement overhead on SQLite. Both engines accept the same text.</summary>
public static class MultiRowInsert
{
    // Under PostgreSQL's 65,535 bound parameters per statement.
    private const int MaxParameters = 30_000;

    /// <summary>Runs <c>{head} VALUES … {tail}</c> over <paramref name="rows"/> (each the same number of
    /// values); when the tail has RETURNING, <paramref name="onReturned"/> sees each returned row.</summary>
    public static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string head, string tail,
        IReadOnlyList<object?[]> rows, Action<IReturnedRow>? onReturned, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
            return;
        // SQLite is in-process, so a round trip costs nothing, while Microsoft.Data.Sqlite binds each
        // parameter by searching the collection by name: a statement of n parameters costs n². There,
        // one row per statement, prepared once and re-run, is the cheap shape.
        if (connection is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            SqliteRowInsert.Execute(sqlite, head, tail, rows, onReturned);
            return;
        }
        var columns = rows[0].Length;
        var chunk = Math.Max(1, MaxParameters / columns);
        var returned = new ReaderRow();
        for (var start = 0; start < rows.Count; start += chunk)
        {
            var count = Math.Min(chunk, rows.Count - start);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder(head.Length + tail.Length + count * columns * 8).Append(head).Append(" VALUES ");
            for (var row = 0; row < count; row++)
            {
                sql.Append(row == 0 ? "(" : ",(");
                for (var column = 0; column < columns; column++)
                {
                    var name = $"@v{row}_{column}";
                    sql.Append(column == 0 ? "" : ",").Append(name);
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = rows[start + row][column] switch
                    {
                        null => DBNull.Value,
                        Utf8Text text => text.ToString(),
                        var value => value,
                    };
                    command.Parameters.Add(parameter);
                }
                sql.Append(')');
            }
            command.CommandText = sql.Append(' ').Append(tail).ToString();
            if (onReturned is null)
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
                continue;
            }
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            returned.Reader = reader;
            while (await reader.ReadAsync(cancellationToken))
                onReturned(returned);
        }
    }

    private sealed class ReaderRow : IReturnedRow
    {
        public DbDataReader? Reader { get; set; }

        public long GetInt64(int ordinal) => Reader!.GetInt64(ordinal);

        public string GetString(int ordinal) => Reader!.GetString(ordinal);
    }
}
