using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Tests;

public class CreatedOnDemandTests
{
    [Fact]
    public async Task A_resource_is_created_once_and_shared()
    {
        var resources = new CreatedOnDemand<string>();
        var creations = 0;

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            resources.GetAsync("t", async (name, _) => { Interlocked.Increment(ref creations); await Task.Yield(); return name; }, default)));

        Assert.Equal((1, "t"), (creations, results.Distinct().Single()));
    }

    [Fact]
    public async Task A_failed_creation_is_tried_again_by_the_next_caller()
    {
        var resources = new CreatedOnDemand<string>();
        var attempts = 0;
        async Task<string> Create(string name, CancellationToken _)
        {
            await Task.Yield();
            return ++attempts == 1 ? throw new IOException("storage away") : name;
        }

        await Assert.ThrowsAsync<IOException>(() => resources.GetAsync("t", Create, default));

        Assert.Equal("t", await resources.GetAsync("t", Create, default));
    }

    [Fact]
    public async Task One_callers_cancellation_does_not_fail_the_creation_others_wait_for()
    {
        var resources = new CreatedOnDemand<string>();
        var release = new TaskCompletionSource();
        using var cancelled = new CancellationTokenSource();
        async Task<string> Create(string name, CancellationToken token)
        {
            await release.Task.WaitAsync(token);
            return name;
        }

        var first = resources.GetAsync("t", Create, cancelled.Token);
        var second = resources.GetAsync("t", Create, default);
        await cancelled.CancelAsync();
        release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal("t", await second);
    }
}
