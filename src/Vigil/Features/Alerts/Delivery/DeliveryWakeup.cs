using System.Data.Common;
using System.Threading.Channels;

namespace Vigil.Features.Alerts.Delivery;

/// <summary>Pokes the delivery worker so a new row goes out at once instead of at the next poll.
/// Several pokes before the worker looks fold into one.</summary>
public sealed class DeliveryWakeup
{
    private static readonly TimeSpan WatchLimit = TimeSpan.FromSeconds(30);

    private readonly Channel<bool> _pokes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Poke() => _pokes.Writer.TryWrite(true);

    /// <summary>Pokes once <paramref name="transaction"/> has ended. A row inserted in the caller's
    /// transaction is invisible to the worker until the caller commits, and ADO.NET has no commit event;
    /// Microsoft.Data.Sqlite clears <see cref="DbTransaction.Connection"/> on commit or rollback and Npgsql
    /// throws from IsolationLevel once completed (its IsCompleted is internal), so that is watched at a millisecond's grain for a short while. The poll is the fallback.</summary>
    public void PokeAfter(DbTransaction transaction)
    {
        _ = Task.Run(async () =>
        {
            var started = DateTime.UtcNow;
            while (DateTime.UtcNow - started < WatchLimit)
            {
                try
                {
                    if (Ended(transaction))
                        break;
                }
                catch (ObjectDisposedException)
                {
                    break;
                }
                await Task.Delay(1);
            }
            Poke();
        });
    }

    private static bool Ended(DbTransaction transaction)
    {
        if (transaction.Connection is null)
            return true;
        try
        {
            // Npgsql keeps Connection until disposal but refuses every use of a completed transaction.
            _ = transaction.IsolationLevel;
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>Waits for a poke or <paramref name="timeout"/>, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await _pokes.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }
}
