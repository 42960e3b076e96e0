using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Application.Catalog;
using Upsell.Functions.Orders;
using Upsell.Infrastructure.Queues;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary><c>POST /api/orders/{id}/refunds</c>: signed like orders, checked against the recorded order, netted out of the reports once.</summary>
[Collection(UsesAzurite.Name)]
public sealed class RefundFunctionTests(Azurite azurite) : AzuriteTest(azurite)
{
    public override async Task InitializeAsync() => await DemoCatalogSeeder.SeedAsync(App.Get<CatalogAdmin>(), default);

    [Trait("Category", "Simulation")]
    [Fact]
    public async Task A_refunded_upsell_line_comes_out_of_the_experiment_and_holdout_reports_once()
    {
        var shoppers = await App.SeedAsync(40, (i, _) => i % 2 == 0);
        var buyer = shoppers.First(s => s.Accepts);
        var before = await ArmTotalsAsync(buyer.Variant);
        var holdoutBefore = await TreatedTotalsAsync();
        App.Clock.Advance(TimeSpan.FromHours(3));

        var response = await App.PostRefundAsync($"order-{buyer.VisitorId}", new { refundId = "r-1", refundedAt = TestApp.Start.AddHours(2), lines = new[] { new { line = 1, amount = 1999 }, new { line = 0, amount = 2500 } } });
        Assert.True(response.Status == 202, response.Body);
        var message = Assert.Single(await App.ReceiveAsync(App.Get<UpsellQueues>().RefundsName));
        var recorder = ActivatorUtilities.CreateInstance<RecordRefundFunction>(App.Services);
        await recorder.RecordRefund(message, default);
        await recorder.RecordRefund(message.Redelivered(2), default);

        Assert.Equal(1999, response.Json.GetProperty("upsellAmount").GetInt64());
        Assert.Equal(4499, response.Json.GetProperty("amount").GetInt64());
        var after = await ArmTotalsAsync(buyer.Variant);
        Assert.Equal(before.GetProperty("revenueMinor").GetInt64() - 1999, after.GetProperty("revenueMinor").GetInt64());
        Assert.Equal(1, after.GetProperty("refunds").GetInt64());
        Assert.Equal(1999, after.GetProperty("refundedMinor").GetInt64());
        Assert.Equal(holdoutBefore.GetProperty("revenueMinor").GetInt64() - 4499, (await TreatedTotalsAsync()).GetProperty("revenueMinor").GetInt64());
    }

    [Trait("Category", "Simulation")]
    [Fact]
    public async Task An_unsigned_unknown_or_impossible_refund_is_refused_and_nothing_is_queued()
    {
        await App.SeedAsync(10, (_, _) => true);
        var refund = new { refundId = "r-1", refundedAt = TestApp.Start, lines = new[] { new { line = 0, amount = 100 } } };

        var unsigned = await App.PostRefundAsync("order-shopper-0", refund, sign: false);
        var unknown = await App.PostRefundAsync("order-nobody", refund);
        var impossible = await App.PostRefundAsync("order-shopper-0", new { refundId = "r-1", refundedAt = TestApp.Start.AddDays(3), lines = new[] { new { line = 5, amount = 100 }, new { line = 0, amount = 99_999_999 } } });

        Assert.Equal(401, unsigned.Status);
        Assert.Equal(404, unknown.Status);
        Assert.Equal(["refundedAt", "lines[0].line", "lines[1].amount"], impossible.ProblemFields);
        Assert.Empty(await App.ReceiveAsync(App.Get<UpsellQueues>().RefundsName));
    }

    private async Task<JsonElement> ArmTotalsAsync(string variant) =>
        (await App.GetAsync("experiments", key: Reports.Experiment)).Json.GetProperty("arms").EnumerateArray()
            .Single(a => a.GetProperty("key").GetString() == variant).GetProperty("totals").Clone();

    private async Task<JsonElement> TreatedTotalsAsync() =>
        (await App.GetAsync("holdout", "?from=2026-11-24&to=2026-11-24")).Json.GetProperty("scopes")[0].GetProperty("treated").Clone();
}
