using Upsell.Domain.Tokens;
using Upsell.Infrastructure.Outcomes;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>
/// What an anonymous script cannot count: one event of each type per decision token, accepts only after the offer was
/// shown and not faster than a shopper reads, revenue only from the offered product's line, once per token, and no
/// refund of a line beyond what is left of it. Through the functions, against Azurite.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class IntegrityTests(Azurite azurite) : AzuriteTest(azurite)
{
    [Fact]
    public async Task Two_hundred_accepts_and_two_hundred_clicks_on_one_token_count_one_and_one()
    {
        var token = App.Token();
        var events = new List<object> { Outcomes.Event("impression", token) };
        events.AddRange(Enumerable.Range(0, 200).SelectMany(_ => new[] { Outcomes.Event("accept", token), Outcomes.Event("click", token) }));

        var answers = new List<Http.Response>();
        foreach (var batch in events.Chunk(50))
        {
            answers.Add(await App.PostEventsAsync(new { events = batch }));
        }

        await App.RecordQueuedEventsAsync();

        // The door lets the token's budget through and says how many it dropped; what passed counts once per type.
        Assert.All(answers, a => Assert.Equal(202, a.Status));
        Assert.Equal((12, 389), (answers.Sum(a => a.Json.GetProperty("accepted").GetInt32()), answers.Sum(a => a.Json.GetProperty("dropped").GetInt32())));
        var total = await App.Get<StatsReader>().TotalAsync(Outcomes.DemoControl, default);
        Assert.Equal((1L, 1L, 1L, 1L, 12L), (total.Impressions, total.Visitors, total.Accepts, total.Clicks, total.Received));
    }

    [Fact]
    public async Task Events_past_the_door_still_count_once_per_token_and_type_and_each_id_once_as_received()
    {
        var token = App.Token();
        var decision = QueuedDecision.From(Verify(token));
        var events = new List<QueuedEvent> { new("i-1", "impression", TestApp.Start, decision) };
        events.AddRange(Enumerable.Range(0, 200).SelectMany(i => new[] { new QueuedEvent($"a-{i}", "accept", TestApp.Start, decision), new QueuedEvent($"c-{i}", "click", TestApp.Start, decision) }));
        var message = Outcomes.EventMessage(new EventMessage(App.Clock.GetUtcNow(), events));

        await App.RecordEventsAsync(message);
        await App.RecordEventsAsync(message.Redelivered(2));

        var total = await App.Get<StatsReader>().TotalAsync(Outcomes.DemoControl, default);
        Assert.Equal((1L, 1L, 1L, 1L, 401L), (total.Impressions, total.AcceptingVisitors, total.Accepts, total.Clicks, total.Received));
    }

    [Fact]
    public async Task An_accept_without_an_impression_counts_nothing_until_the_impression_arrives_then_one()
    {
        var token = App.Token();
        await App.PostEventsAsync(new { events = new[] { Outcomes.Event("accept", token) } });
        await App.RecordQueuedEventsAsync();
        var before = await App.Get<StatsReader>().TotalAsync(Outcomes.DemoControl, default);

        await App.PostEventsAsync(new { events = new[] { Outcomes.Event("impression", token) } });
        await App.RecordQueuedEventsAsync();
        var after = await App.Get<StatsReader>().TotalAsync(Outcomes.DemoControl, default);

        Assert.Equal((0L, 0L, 1L), (before.Accepts, before.AcceptingVisitors, before.EarlyAccepts));
        Assert.Equal((1L, 1L, 1L, 1L), (after.Impressions, after.Accepts, after.AcceptingVisitors, after.EarlyAccepts));
    }

    [Fact]
    public async Task An_accept_fifty_milliseconds_after_the_decision_is_not_counted()
    {
        var token = App.Token(issuedAt: App.Clock.GetUtcNow() - TimeSpan.FromMilliseconds(50));
        await App.PostEventsAsync(new { events = new[] { Outcomes.Event("impression", token), Outcomes.Event("accept", token) } });
        await App.RecordQueuedEventsAsync();
        // The token's accept is spent: a later one, however human its pace, does not count either.
        App.Clock.Advance(TimeSpan.FromSeconds(30));
        await App.PostEventsAsync(new { events = new[] { Outcomes.Event("accept", token) } });
        await App.RecordQueuedEventsAsync();

        var total = await App.Get<StatsReader>().TotalAsync(Outcomes.DemoControl, default);
        Assert.Equal((1L, 0L, 0L, 1L), (total.Impressions, total.Accepts, total.AcceptingVisitors, total.HastyAccepts));
    }

    [Fact]
    public async Task A_token_on_a_line_of_another_product_attributes_nothing()
    {
        var token = App.Token();
        var response = await App.PostOrderAsync(Outcomes.Order(lines: [Outcomes.Line("CAM-X100", "X100 camera", 999_999, quantity: 10, upsellToken: token)]));
        await RecordOrdersAsync();

        Assert.Equal(202, response.Status);
        Assert.Equal(0, response.Json.GetProperty("upsells").GetInt32());
        var ignored = Assert.Single(response.Json.GetProperty("ignoredTokens").EnumerateArray());
        Assert.Equal("lines[0].upsellToken", ignored.GetProperty("field").GetString());
        Assert.Contains("another product", ignored.GetProperty("message").GetString(), StringComparison.Ordinal);
        var total = await App.Get<StatsReader>().TotalAsync(Outcomes.DemoControl, default);
        Assert.Equal((0L, 0L), (total.Orders, total.RevenueMinor));
    }

    [Fact]
    public async Task One_token_on_two_orders_and_on_two_lines_of_one_attributes_once()
    {
        var token = App.Token();
        var first = await App.PostOrderAsync(Outcomes.Order("order-1", lines: [Outcomes.Line("SD-128", "128 GB card", 2499, upsellToken: token), Outcomes.Line("SD-128", "128 GB card", 2499, upsellToken: token)]));
        var second = await App.PostOrderAsync(Outcomes.Order("order-2", lines: [Outcomes.Line("SD-128", "128 GB card", 2499, quantity: 4, upsellToken: token)]));
        await RecordOrdersAsync();

        Assert.Equal((1, 1), (first.Json.GetProperty("upsells").GetInt32(), second.Json.GetProperty("upsells").GetInt32()));
        Assert.Equal("lines[1].upsellToken", Assert.Single(first.Json.GetProperty("ignoredTokens").EnumerateArray()).GetProperty("field").GetString());
        var total = await App.Get<StatsReader>().TotalAsync(Outcomes.DemoControl, default);
        Assert.Equal((1L, 2499L), (total.Orders, total.RevenueMinor));
    }

    [Fact]
    public async Task Three_full_refunds_of_one_line_are_refused_after_the_first()
    {
        await App.PostOrderAsync(Outcomes.Order(lines: [Outcomes.Line("CAM-X100", "X100 camera", 89900), Outcomes.Line("SD-128", "128 GB card", 2499, upsellToken: App.Token())]));
        await RecordOrdersAsync();

        var answers = new List<Http.Response>();
        foreach (var id in new[] { "r-1", "r-2", "r-3" })
        {
            answers.Add(await App.PostRefundAsync("order-1", new { refundId = id, refundedAt = TestApp.Start, lines = new[] { new { line = 1, amount = 2499 } } }));
        }

        var resent = await App.PostRefundAsync("order-1", new { refundId = "r-1", refundedAt = TestApp.Start, lines = new[] { new { line = 1, amount = 2499 } } });

        Assert.Equal([202, 400, 400], answers.Select(a => a.Status));
        Assert.Equal(["lines[0].line"], answers[1].ProblemFields);
        Assert.Contains("refunded in full already", answers[2].Body, StringComparison.Ordinal);
        // The first refund sent again is the same refund, not a fourth: it is not counted against itself.
        Assert.Equal(202, resent.Status);
    }

    [Fact]
    public async Task A_value_from_outside_reaches_the_log_with_its_line_breaks_escaped()
    {
        var forged = "forged-event\r\n[Information] Recorded 9999 events";
        var message = Outcomes.EventMessage(new EventMessage(App.Clock.GetUtcNow(), [new QueuedEvent(forged, "accept", TestApp.Start, QueuedDecision.From(Verify(App.Token())))]));

        await App.RecordEventsAsync(message);

        var poisoned = Assert.Single(App.Logs.Entries, e => e.Message.Contains("forged-event", StringComparison.Ordinal));
        Assert.DoesNotContain('\n', poisoned.Message);
        Assert.Contains("forged-event\\r\\n[Information]", poisoned.Message, StringComparison.Ordinal);
    }

    private DecisionToken Verify(string token) =>
        App.Get<DecisionTokenSigner>().TryVerify(token, App.Clock.GetUtcNow(), TimeSpan.FromDays(1), out var verified, out var error) ? verified! : throw new InvalidOperationException(error);


    private async Task RecordOrdersAsync()
    {
        foreach (var message in await App.OrderMessagesAsync())
        {
            await App.RecordOrderAsync(message);
        }
    }
}
