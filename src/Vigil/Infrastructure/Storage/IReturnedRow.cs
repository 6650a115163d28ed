namespace Vigil.Infrastructure.Storage;

/// <summary>One row a RETURNING clause gave back, read the same way whichever engine ran the statement.</summary>
public interface IReturnedRow
{
    long GetInt64(int ordinal);

    string GetString(int ordinal);
}
