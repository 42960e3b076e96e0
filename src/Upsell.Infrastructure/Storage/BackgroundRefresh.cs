namespace Upsell.Infrastructure.Storage;

/// <summary>
/// One reload at a time in the background for an in-memory snapshot: <see cref="TryStart"/> starts it unless one is
/// running, and a failed reload is reported and leaves the last good snapshot, to be tried again on a later call.
/// </summary>
public sealed class BackgroundRefresh(Func<CancellationToken, Task> refresh, Action<Exception> failed)
{
    private int _running;

    public void TryStart()
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _ = RunAsync();
        }
    }

    private async Task RunAsync()
    {
        try
        {
            await refresh(CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed background reload keeps the last good snapshot and is tried again later.
        catch (Exception e)
#pragma warning restore CA1031
        {
            failed(e);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }
}
