using System.Collections.Concurrent;

namespace Upsell.Infrastructure.Storage;

/// <summary>
/// Resources (tables, queues) created on first use and then shared. A creation that failed is forgotten by the next
/// caller, who tries again; a caller's cancellation ends only its own wait, never the creation others share.
/// </summary>
public sealed class CreatedOnDemand<T>
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> _created = new(StringComparer.Ordinal);

    public Task<T> GetAsync(string name, Func<string, CancellationToken, Task<T>> create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (_created.TryGetValue(name, out var earlier) && earlier.IsValueCreated && (earlier.Value.IsFaulted || earlier.Value.IsCanceled))
        {
            // It failed for an earlier caller: forget it, so this caller creates it again.
            _created.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(name, earlier));
        }

        var task = _created.GetOrAdd(name, n => new Lazy<Task<T>>(() => create(n, CancellationToken.None))).Value;
        return task.IsCompletedSuccessfully ? task : task.WaitAsync(cancellationToken);
    }

    /// <summary>Forgets a resource found gone, so the next caller creates it again.</summary>
    public void Forget(string name) => _created.TryRemove(name, out _);
}
