using System.Text.Unicode;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Vigil.Infrastructure.Storage;

/// <summary>The SQLite side of <see cref="MultiRowInsert"/>: one statement with positional
/// parameters, prepared once and stepped per row through SQLite's own API. Microsoft.Data.Sqlite
/// would look every parameter up by name and re-encode every string on each row, and it has no
/// way to bind UTF-8 bytes as TEXT (<see cref="Utf8Text"/>). Values are bound exactly as it binds them.</summary>
internal static class SqliteRowInsert
{
    public static void Execute(SqliteConnection connection, string head, string tail, IReadOnlyList<object?[]> rows, Action<IReturnedRow>? onReturned)
    {
        var db = connection.Handle!;
        var columns = rows[0].Length;
        var sql = $"{head} VALUES ({string.Join(',', Enumerable.Range(1, columns).Select(c => $"?{c}"))}) {tail}";
        Check(raw.sqlite3_prepare_v2(db, sql, out var statement), db);
        using (statement)
        {
            var returned = new StatementRow(statement);
            foreach (var row in rows)
            {
                for (var column = 0; column < columns; column++)
                    Check(Bind(statement, column + 1, row[column]), db);
                int code;
                while ((code = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                    onReturned?.Invoke(returned);
                Check(code == raw.SQLITE_DONE ? raw.SQLITE_OK : code, db);
                raw.sqlite3_reset(statement);
            }
        }
    }

    private static int Bind(sqlite3_stmt statement, int index, object? value) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(statement, index),
        long number => raw.sqlite3_bind_int64(statement, index, number),
        int number => raw.sqlite3_bind_int64(statement, index, number),
        bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
        double number when double.IsNaN(number) => throw new InvalidOperationException("Cannot store 'NaN' values."),
        double number => raw.sqlite3_bind_double(statement, index, number),
        string text => raw.sqlite3_bind_text(statement, index, text),
        byte[] blob => raw.sqlite3_bind_blob(statement, index, blob),
        // Invalid UTF-8 goes the string way, which stores U+FFFD for it as before: the stored text is the same either way.
        Utf8Text text when Utf8.IsValid(text.Bytes.Span) => raw.sqlite3_bind_text(statement, index, text.Bytes.Span),
        Utf8Text text => raw.sqlite3_bind_text(statement, index, text.ToString()),
        _ => throw new NotSupportedException($"MultiRowInsert cannot bind a {value.GetType().Name} on SQLite."),
    };

    private static void Check(int code, sqlite3 db)
    {
        if (code != raw.SQLITE_OK)
            SqliteException.ThrowExceptionForRC(code, db);
    }

    private sealed class StatementRow(sqlite3_stmt statement) : IReturnedRow
    {
        public long GetInt64(int ordinal) => raw.sqlite3_column_int64(statement, ordinal);

        public string GetString(int ordinal) => raw.sqlite3_column_text(statement, ordinal).utf8_to_string();
    }
}
