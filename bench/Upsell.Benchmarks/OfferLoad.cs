using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Application.Catalog;
using Upsell.Functions.Offers;
using Upsell.Infrastructure.Queues;
using Upsell.Infrastructure.Storage;

namespace Upsell.Benchmarks;

/// <summary>
/// A bounded loopback load of <c>POST /api/offers/cart</c>: the offer function called with real requests, N at a time
/// against Azurite, beside its floor, the same storage calls a decision makes with no engine, no token and no JSON
/// (query the visitor's partition in parallel with queueing the exposure, then write the session in one batch).
/// Each gets fresh tables; p50, p99 and throughput for both, in the same run.
/// </summary>
internal static class OfferLoad
{
    private const string Cart = """{"sessionId":"{session}","visitorId":"{visitor}","device":"desktop","country":"DE","locale":"de-DE","cart":[{"sku":"CAM-X100","category":"cameras","unitPrice":89900,"quantity":1,"currency":"EUR"}]}""";

    public static async Task<int> RunAsync(string storage, string[] args)
    {
        var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;

        await using var app = BenchServices.Build(storage);
        await DemoCatalogSeeder.SeedAsync(app.GetRequiredService<CatalogAdmin>(), default);
        var function = ActivatorUtilities.CreateInstance<DecideOffersFunction>(app);
        async Task<bool> Decide(int i)
        {
            var request = Request(Cart.Replace("{session}", $"s-{i}", StringComparison.Ordinal).Replace("{visitor}", $"v-{i % 500}", StringComparison.Ordinal));
            return await function.DecideOffers(request, "cart", default) is ContentResult { StatusCode: 200 };
        }

        await using var floorApp = BenchServices.Build(storage);
        var tables = floorApp.GetRequiredService<UpsellTables>();
        var queues = floorApp.GetRequiredService<UpsellQueues>();
        var visitors = await tables.SuppressionsAsync(default);
        var exposures = await queues.GetAsync(queues.EventsName, default);
        async Task<bool> Floor(int i)
        {
            var (session, visitor) = ($"session:s-{i}", $"v-{i % 500}");
            var enqueue = exposures.SendMessageAsync(BinaryData.FromString($$"""{"receivedAt":"2026-11-24T12:00:00Z","events":[],"exposures":[{"visitorId":"{{visitor}}","sessionId":"{{session}}","moment":"cart","heldOut":false,"at":"2026-11-24T12:00:00Z"}]}"""));
            var query = visitors.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {visitor} and (RowKey lt {"session:"} or RowKey eq {session})")).ToListAsync().AsTask();
            await Task.WhenAll(enqueue, query);
            var read = (await query).Find(r => r.RowKey == session);
            var entity = new TableEntity(visitor, session) { ["Moments"] = "cart" };
            await visitors.SubmitTransactionAsync([read is null
                ? new TableTransactionAction(TableTransactionActionType.Add, entity)
                : new TableTransactionAction(TableTransactionActionType.UpdateMerge, entity, read.ETag)]);
            return true;
        }

        await MeasureAsync(Decide, 200, concurrency, 1_000_000);
        await MeasureAsync(Floor, 200, concurrency, 1_000_000);
        var offers = await MeasureAsync(Decide, requests, concurrency, 0);
        var floor = await MeasureAsync(Floor, requests, concurrency, 0);
        if (offers.Failed > 0)
        {
            Console.Error.WriteLine($"{offers.Failed} offer requests were not answered 200");
            return 1;
        }

        Console.WriteLine($"{requests} requests, {concurrency} at a time, against Azurite on loopback:");
        Console.WriteLine("| path | p50 | p99 | requests/s |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Console.WriteLine($"| POST /api/offers/cart (the function) | {offers.P50:F1} ms | {offers.P99:F1} ms | {offers.Throughput:F0} |");
        Console.WriteLine($"| floor: the same storage calls, no engine | {floor.P50:F1} ms | {floor.P99:F1} ms | {floor.Throughput:F0} |");
        Console.WriteLine($"p99 against the floor: {offers.P99 / floor.P99:F2}x; p50: {offers.P50 / floor.P50:F2}x");
        return 0;
    }

    private static async Task<(double P50, double P99, double Throughput, int Failed)> MeasureAsync(Func<int, Task<bool>> call, int count, int concurrency, int offset)
    {
        var latencies = new double[count];
        var failed = 0;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            var start = Stopwatch.GetTimestamp();
            if (!await call(offset + i))
            {
                Interlocked.Increment(ref failed);
            }

            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        });
        var seconds = watch.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return (latencies[count / 2], latencies[Math.Min(count - 1, (int)(count * 0.99))], count / seconds, failed);
    }

    private static HttpRequest Request(string body)
    {
        var context = new DefaultHttpContext();
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Method = "POST";
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Request.ContentType = "application/json";
        return context.Request;
    }
}
