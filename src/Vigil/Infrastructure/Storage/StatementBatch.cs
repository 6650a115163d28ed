using System.Data.Common;

namespace Vigil.Infrastructure.Storage;

/// <summary>Statements that each run once with their own values, sent together: as one DbBatch
/// where the provider supports it (Npgsql pipelines it into one round trip), otherwise through one
/// reused command per statement text (SQLite runs in-process: there is no round trip to save).</summary>
public sealed class StatementBatch
{
    private readonly List<(string Sql, string[] Names, object?[] Values)> _statements = [];

    public void Add(string sql, string[] names, params object?[] values) => _statements.Add((sql, names, values));

    public async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (_statements.Count == 0)
            return;
        if (connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var (sql, names, values) in _statements)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = sql;
                for (var i = 0; i < names.Length; i++)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = names[i];
                    parameter.Value = values[i] ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(cancellationToken);
            return;
        }
        var commands = new Dictionary<string, DbCommand>();
        try
        {
            foreach (var (sql, names, values) in _statements)
            {
                if (!commands.TryGetValue(sql, out var command))
                    commands[sql] = command = SqlCommands.Create(connection, transaction, sql, names);
                SqlCommands.Bind(command, values);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            foreach (var command in commands.Values)
                await command.DisposeAsync();
        }
    }
}
