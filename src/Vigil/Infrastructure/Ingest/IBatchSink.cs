namespace Vigil.Infrastructure.Ingest;

/// <summary>Writes one batch of a stream in one transaction. Items are acknowledged only after it returns.</summary>
public interface IBatchSink<in T>
{
    Task WriteAsync(IReadOnlyList<T> batch, CancellationToken cancellationToken);
}
