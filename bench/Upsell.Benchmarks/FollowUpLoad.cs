using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Upsell.Application.Catalog;
using Upsell.Application.FollowUps;
using Upsell.Domain.FollowUps;
using Upsell.Functions.Tests;
using Upsell.Infrastructure.Storage;

namespace Upsell.Benchmarks;

/// <summary>
/// A bounded load: N due follow-ups sent by one timer run against Azurite and a local SendGrid stand-in (with a
/// latency like SendGrid's), with the run's bounded concurrency beside the naive way, one email after another.
/// </summary>
internal static class FollowUpLoad
{
    public static async Task<int> RunAsync(string storage, string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000;
        var latency = TimeSpan.FromMilliseconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20);

        await RunOnceAsync(storage, 100, 16, latency);
        var (bounded, boundedRun) = await RunOnceAsync(storage, count, 16, latency);
        var (naive, naiveRun) = await RunOnceAsync(storage, count, 1, latency);
        if (boundedRun.Sent != count || naiveRun.Sent != count)
        {
            Console.Error.WriteLine($"Not every follow-up was sent: {boundedRun} / {naiveRun}");
            return 1;
        }

        Console.WriteLine($"{count} due follow-ups in one timer run, SendGrid stand-in answering after {latency.TotalMilliseconds} ms, against Azurite:");
        Console.WriteLine("| way | time | emails/s |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine($"| 16 at a time (MaxConcurrency) | {bounded.TotalSeconds:F2} s | {count / bounded.TotalSeconds:F0} |");
        Console.WriteLine($"| one after another | {naive.TotalSeconds:F2} s | {count / naive.TotalSeconds:F0} |");
        Console.WriteLine($"Speed-up: {naive / bounded:F1}x");
        return 0;
    }

    private static async Task<(TimeSpan Time, FollowUpRun Run)> RunOnceAsync(string storage, int count, int concurrency, TimeSpan latency)
    {
        await using var sendGrid = await SendGridStandIn.StartAsync();
        sendGrid.Latency = latency;
        var placedAt = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        await using var services = BenchServices.Build(storage, new Dictionary<string, string?>
        {
            ["Upsell:Email:SendGridApiKey"] = "SG.bench",
            ["Upsell:Email:SendGridHost"] = sendGrid.Url,
            ["Upsell:Email:FromAddress"] = "hello@shop.example",
            ["Upsell:FollowUps:MaxConcurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
        }, new FakeTimeProvider(placedAt.AddHours(25)));
        await DemoCatalogSeeder.SeedAsync(services.GetRequiredService<CatalogAdmin>(), default);
        await DueFollowUps.SeedAsync(await services.GetRequiredService<UpsellTables>().FollowUpsAsync(default), count, placedAt);

        var watch = Stopwatch.StartNew();
        var run = await services.GetRequiredService<FollowUpSender>().RunAsync(default);
        return (watch.Elapsed, run);
    }
}
