using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Application.Catalog;
using Upsell.Domain.Offers;
using Upsell.Domain.Outcomes;
using Upsell.Functions.Operations;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Queues;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary><c>/api/manage/operations</c>: poison messages seen with their count and age, and replayed once each.</summary>
[Collection(UsesAzurite.Name)]
public sealed class OperationsFunctionTests(Azurite azurite) : AzuriteTest(azurite)
{
    private static readonly StatsGroup Control = new(Moment.Cart, "cart-sd-card-price", 1, "control", "cam-sd-card");

    public override async Task InitializeAsync() => await DemoCatalogSeeder.SeedAsync(App.Get<CatalogAdmin>(), default);

    private OperationsFunctions Functions => ActivatorUtilities.CreateInstance<OperationsFunctions>(App.Services);

    [Fact]
    public async Task Poison_messages_show_with_their_count_and_age_and_a_replay_records_each_exactly_once()
    {
        // Three event messages the host gave up on (storage was down for their five tries), parked as it parks them.
        var queues = App.Get<UpsellQueues>();
        var poison = await queues.GetAsync(queues.EventsName + UpsellQueues.PoisonSuffix, default);
        var live = await queues.GetAsync(queues.EventsName, default);
        for (var visitor = 0; visitor < 3; visitor++)
        {
            var token = App.Token(visitor: $"visitor-{visitor}");
            await App.PostEventsAsync(new { events = new[] { Outcomes.Event("impression", token), Outcomes.Event("click", token) } });
            var message = (await App.EventMessagesAsync())[0];
            await poison.SendMessageAsync(message.Body);
            await live.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        await Task.Delay(1_100);
        App.Clock.SetUtcNow(DateTimeOffset.UtcNow); // the queue stamps messages with the real clock
        var before = await GetAsync();
        var events = before.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("name").GetString() == "events");
        var partial = await ReplayAsync("events", "?max=2");
        var rest = await ReplayAsync("events");
        var again = await ReplayAsync("events");
        var replayed = await App.EventMessagesAsync();
        foreach (var message in replayed)
        {
            await App.RecordEventsAsync(message);
        }

        var after = (await GetAsync()).GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("name").GetString() == "events");
        var total = await App.Get<StatsReader>().TotalAsync(Control, default);

        Assert.Equal((0, 3), (events.GetProperty("depth").GetInt32(), events.GetProperty("poisonDepth").GetInt32()));
        Assert.InRange(events.GetProperty("oldestPoisonAgeSeconds").GetDouble(), 1, 600);
        Assert.Equal((2, 1), (partial.GetProperty("moved").GetInt32(), partial.GetProperty("remaining").GetInt32()));
        Assert.Equal((1, 0), (rest.GetProperty("moved").GetInt32(), rest.GetProperty("remaining").GetInt32()));
        Assert.Equal(0, again.GetProperty("moved").GetInt32());
        Assert.Equal((3, 3, 3), (total.Impressions, total.Clicks, total.Visitors));
        Assert.Equal(3, replayed.Count);
        Assert.Equal(0, after.GetProperty("poisonDepth").GetInt32());
        Assert.False(after.TryGetProperty("oldestPoisonAgeSeconds", out _));
    }

    [Fact]
    public async Task A_poison_message_that_is_not_base64_is_named_and_stays_visible_while_a_replay_moves_the_others()
    {
        var queues = App.Get<UpsellQueues>();
        var poison = await queues.GetAsync(queues.EventsName + UpsellQueues.PoisonSuffix, default);
        var token = App.Token();
        await App.PostEventsAsync(new { events = new[] { Outcomes.Event("impression", token) } });
        var good = (await App.EventMessagesAsync())[0];
        await poison.SendMessageAsync(good.Body);
        // Written by something that does not encode, as a hand-made message or another tool would.
        var text = new QueueClient(Azurite.ConnectionString, poison.Name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var bad = (await text.SendMessageAsync("{\"not\": \"base64\"}")).Value.MessageId;
        await poison.SendMessageAsync(good.Body);

        var report = (await GetAsync()).GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("name").GetString() == "events");
        var replay = await ReplayAsync("events");
        var left = (await text.PeekMessagesAsync(32)).Value;
        foreach (var message in await App.EventMessagesAsync())
        {
            await App.RecordEventsAsync(message);
        }

        Assert.Equal(3, report.GetProperty("poisonDepth").GetInt32());
        Assert.Equal([bad], report.GetProperty("undecodablePoison").EnumerateArray().Select(id => id.GetString()));
        Assert.Equal((2, 1, 1), (replay.GetProperty("moved").GetInt32(), replay.GetProperty("remaining").GetInt32(), replay.GetProperty("undecodable").GetInt32()));
        var parked = Assert.Single(left); // visible at once: a replay hides nothing it leaves behind
        Assert.Equal((bad, "{\"not\": \"base64\"}"), (parked.MessageId, parked.Body.ToString()));
        Assert.Equal(1, (await App.Get<StatsReader>().TotalAsync(Control, default)).Impressions);
    }

    [Fact]
    public async Task The_report_counts_follow_ups_by_status_and_tells_the_catalog_age()
    {
        await App.PlaceAsync(Outcomes.Order("order-1"));
        await App.PlaceAsync(Outcomes.Order("order-2", consent: false));

        var report = await GetAsync();

        Assert.Equal(1, report.GetProperty("followUps").GetProperty("pending").GetInt32());
        Assert.True(report.GetProperty("catalogAgeSeconds").GetDouble() >= 0);
        Assert.Equal(["events", "orders", "refunds", "erasures"], report.GetProperty("queues").EnumerateArray().Select(q => q.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("bogus", "", 404, "queue")]
    [InlineData("events", "?max=0", 400, "max")]
    [InlineData("events", "?max=lots", 400, "max")]
    public async Task A_replay_of_an_unknown_queue_or_a_bad_count_is_refused_naming_it(string queue, string query, int status, string field)
    {
        var request = Http.Request("POST");
        request.QueryString = new Microsoft.AspNetCore.Http.QueryString(query);
        var response = await Http.ExecuteAsync(request, await Functions.ReplayPoison(request, queue, default));

        Assert.Equal(status, response.Status);
        Assert.Equal([field], response.ProblemFields);
    }

    private async Task<JsonElement> GetAsync()
    {
        var request = Http.Request("GET");
        var response = await Http.ExecuteAsync(request, await Functions.ShowOperations(request, default));
        Assert.Equal(200, response.Status);
        return response.Json.Clone();
    }

    private async Task<JsonElement> ReplayAsync(string queue, string query = "")
    {
        var request = Http.Request("POST");
        request.QueryString = new Microsoft.AspNetCore.Http.QueryString(query);
        var response = await Http.ExecuteAsync(request, await Functions.ReplayPoison(request, queue, default));
        Assert.True(response.Status == 200, response.Body);
        return response.Json.Clone();
    }
}
