namespace Vigil.Infrastructure.Storage;

public enum StorageEngine
{
    Sqlite,
    Postgres,
}
