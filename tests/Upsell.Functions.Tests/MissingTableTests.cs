using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Application.Catalog;
using Upsell.Domain.Offers;
using Upsell.Domain.Outcomes;
using Upsell.Functions.Offers;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Storage;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>A table deleted while the app runs is created again by the next call that needs it, with nothing lost.</summary>
[Collection(UsesAzurite.Name)]
public sealed class MissingTableTests(Azurite azurite) : AzuriteTest(azurite)
{
    private static readonly StatsGroup Control = new(Moment.Cart, "cart-sd-card-price", 1, "control", "cam-sd-card");

    public override async Task InitializeAsync() => await DemoCatalogSeeder.SeedAsync(App.Get<CatalogAdmin>(), default);

    [Fact]
    public async Task Every_pipeline_table_deleted_at_runtime_is_created_again_by_the_next_write_and_keeps_what_follows()
    {
        await ShopAsync("visitor-1", "order-1");
        var service = new TableServiceClient(Azurite.ConnectionString);
        var deleted = new List<string>();
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(App.TablePrefix) >= 0))
        {
            if (table.Name.StartsWith(App.TablePrefix, StringComparison.Ordinal) && table.Name[App.TablePrefix.Length..] is not ("offers" or "experiments"))
            {
                await service.DeleteTableAsync(table.Name);
                deleted.Add(table.Name[App.TablePrefix.Length..]);
            }
        }

        Assert.Superset(new HashSet<string> { "suppressions", "stats", "orders", "followups", "addresses" }, deleted.ToHashSet());

        // The same app, its tables long since created in its eyes: the next shopper's decision, events and order.
        await ShopAsync("visitor-2", "order-2");

        var total = await App.Get<StatsReader>().TotalAsync(Control, default);
        Assert.Equal((1L, 1L, 1L, 1L, 2_499L), (total.Impressions, total.Clicks, total.Accepts, total.Orders, total.RevenueMinor));
        var followUps = await App.Get<UpsellTables>().FollowUpsAsync(default);
        var due = await followUps.QueryAsync<TableEntity>().ToListAsync();
        Assert.Equal(["order-2"], due.Select(row => row.RowKey));
        var visitors = await App.Get<UpsellTables>().SuppressionsAsync(default);
        Assert.Contains("session:session-visitor-2", (await visitors.QueryAsync<TableEntity>(row => row.PartitionKey == "visitor-2").ToListAsync()).Select(row => row.RowKey));
    }

    // A decision at the cart, the offer seen, clicked and taken, and the order that carries it, each recorded.
    private async Task ShopAsync(string visitor, string orderId)
    {
        var request = Http.Json(new
        {
            sessionId = "session-" + visitor,
            visitorId = visitor,
            cart = new[] { new { sku = "CAM-X100", category = "cameras", unitPrice = 89900, quantity = 1, currency = "EUR" } },
            device = "desktop",
            locale = "de-DE",
        });
        var decision = await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<DecideOffersFunction>(App.Services).DecideOffers(request, "cart", default));
        Assert.Equal(200, decision.Status);

        var token = App.Token(visitor: visitor);
        await App.PostEventsAsync(new { events = new[] { Outcomes.Event("impression", token), Outcomes.Event("click", token), Outcomes.Event("accept", token) } });
        await App.PostOrderAsync(Outcomes.Order(orderId, lines: [Outcomes.Line("CAM-X100", "X100 camera", 89900), Outcomes.Line("SD-128", "128 GB card", 2499, upsellToken: token)]));
        foreach (var message in await App.EventMessagesAsync())
        {
            await App.RecordEventsAsync(message);
        }

        foreach (var message in await App.OrderMessagesAsync())
        {
            await App.RecordOrderAsync(message);
        }
    }
}
