using Azure.Core;
using Azure.Core.Pipeline;

namespace Upsell.Tests;

/// <summary>Counts the requests a client sends to storage (retries included), as a bill or a latency budget would.</summary>
public sealed class RequestCountPolicy : HttpPipelinePolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>The requests sent while <paramref name="action"/> ran.</summary>
    public async Task<int> CountAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var before = Count;
        await action();
        return Count - before;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _count);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _count);
        return ProcessNextAsync(message, pipeline);
    }
}
