using System.Diagnostics;
using Upsell.Application.Catalog;
using Upsell.Application.FollowUps;
using Upsell.Domain.FollowUps;
using Upsell.Infrastructure.Storage;
using Upsell.Tests;
using Xunit.Abstractions;

namespace Upsell.Functions.Tests;

/// <summary>A bounded load: 10,000 due follow-ups, one timer run, Azurite and the SendGrid stand-in.</summary>
[Collection(UsesSecondAzurite.Name)]
[Trait("Category", "Load")]
public sealed class FollowUpLoadTests(SecondAzurite azurite, ITestOutputHelper output)
{
    public const int Count = 10_000;

    [Fact]
    public async Task One_run_sends_10000_due_follow_ups_each_once_with_bounded_concurrency()
    {
        await using var sendGrid = await SendGridStandIn.StartAsync();
        sendGrid.Latency = TimeSpan.FromMilliseconds(10);
        await using var app = new TestApp(azurite, FollowUpFunctionTests.SendGridSettings(sendGrid));
        await DemoCatalogSeeder.SeedAsync(app.Get<CatalogAdmin>(), default);
        await DueFollowUps.SeedAsync(await app.Get<UpsellTables>().FollowUpsAsync(default), Count, TestApp.Start);
        app.Clock.SetUtcNow(TestApp.Start.AddHours(25));

        var watch = Stopwatch.StartNew();
        var run = await app.Get<FollowUpSender>().RunAsync(default);
        watch.Stop();

        output.WriteLine($"{Count} follow-ups in one run: {watch.Elapsed.TotalSeconds:F1} s ({Count / watch.Elapsed.TotalSeconds:F0}/s), at most {sendGrid.PeakConcurrency} requests at once");
        Assert.Equal(new FollowUpRun(Count, Count, 0, 0, 0, 0, 0, 0, 0), run);
        Assert.Equal(Count, sendGrid.Requests.Select(r => r.FollowUpId).Distinct().Count());
        Assert.Equal(Count, sendGrid.Requests.Count);
        Assert.InRange(sendGrid.PeakConcurrency, 2, 16); // MaxConcurrency is 16
    }
}
