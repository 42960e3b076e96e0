namespace Upsell.Infrastructure.Storage;

/// <summary>
/// Group commit for writers that share a partition within one instance: callers queue their work, and one committer
/// per partition takes what has queued up (at most <paramref name="budget"/> by <paramref name="weight"/>, and always
/// at least one item), commits it in one round, and goes on until nothing is left. A failed round fails only its own
/// callers (their messages are retried); later rounds go on.
/// </summary>
public sealed class GroupCommit<T>(Func<T, int>? weight = null, int budget = int.MaxValue)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Queue> _partitions = new(StringComparer.Ordinal);

    /// <summary>
    /// Queues the work for its partition; completes when the round that holds it is committed by
    /// <paramref name="commit"/> (a writer passes the same one every time).
    /// </summary>
    public Task EnqueueAsync(string partition, T item, Func<string, IReadOnlyList<T>, Task> commit, CancellationToken cancellationToken)
    {
        var waiting = new Waiting(item);
        var queue = _partitions.GetOrAdd(partition, static _ => new Queue());
        if (queue.Enqueue(waiting))
        {
            _ = Task.Run(() => CommitAllAsync(partition, queue, commit), CancellationToken.None);
        }

        return waiting.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task CommitAllAsync(string partition, Queue queue, Func<string, IReadOnlyList<T>, Task> commit)
    {
        while (queue.Take(weight, budget) is { Count: > 0 } round)
        {
            try
            {
                await commit(partition, [.. round.Select(w => w.Item)]).ConfigureAwait(false);
                round.ForEach(w => w.Done.TrySetResult());
            }
#pragma warning disable CA1031 // The failure belongs to the callers of this round; each caller's delivery is retried.
            catch (Exception e)
#pragma warning restore CA1031
            {
                round.ForEach(w => w.Done.TrySetException(e));
            }
        }
    }

    private sealed record Waiting(T Item)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    // What waits for one partition, and whether its committer runs.
    private sealed class Queue
    {
        private readonly Lock _gate = new();
        private readonly List<Waiting> _queued = [];
        private bool _committing;

        /// <summary>Queues the work; true when the caller must start the committer.</summary>
        public bool Enqueue(Waiting waiting)
        {
            lock (_gate)
            {
                _queued.Add(waiting);
                if (_committing)
                {
                    return false;
                }

                _committing = true;
                return true;
            }
        }

        /// <summary>The next round; empty (and the committer stops) when nothing waits.</summary>
        public List<Waiting> Take(Func<T, int>? weight, int budget)
        {
            lock (_gate)
            {
                var count = 0;
                var used = 0;
                while (count < _queued.Count && (count == 0 || weight is null || used + weight(_queued[count].Item) <= budget))
                {
                    used += weight?.Invoke(_queued[count].Item) ?? 0;
                    count++;
                }

                var taken = _queued.GetRange(0, count);
                _queued.RemoveRange(0, count);
                _committing = taken.Count > 0;
                return taken;
            }
        }
    }
}
