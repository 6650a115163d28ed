using System.Data.Common;

namespace Vigil.Infrastructure.Storage;

/// <summary>A reusable parameterised command for the writer's hot loops: prepared once per batch,
/// executed per row with new values.</summary>
public static class SqlCommands
{
    public static DbCommand Create(DbConnection connection, DbTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    public static void Bind(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
    }
}
