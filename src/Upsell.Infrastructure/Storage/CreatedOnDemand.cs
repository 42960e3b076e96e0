using System.Collections.Concurrent;

namespace Upsell.Infrastructure.Storage;

/// <summary>
/// Resources (tables, queues) created on first use and then shared. A creation that fails is forgotten as soon as it
/// fails, so the next caller tries again; a caller's cancellation ends only its own wait, never the creation others share.
/// </summary>
public sealed class CreatedOnDemand<T>
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> _created = new(StringComparer.Ordinal);

    public Task<T> GetAsync(string name, Func<string, CancellationToken, Task<T>> create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        var lazy = _created.GetOrAdd(name, n => new Lazy<Task<T>>(() => create(n, CancellationToken.None)));
        var task = lazy.Value;
        if (task.IsCompletedSuccessfully)
        {
            return task;
        }

        _ = task.ContinueWith(
            t => _created.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(name, lazy)),
            CancellationToken.None,
            TaskContinuationOptions.NotOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return task.WaitAsync(cancellationToken);
    }
}
