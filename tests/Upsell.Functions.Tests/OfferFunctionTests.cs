using Azure.Data.Tables;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Application.Catalog;
using Upsell.Domain.Decisions;
using Upsell.Domain.Offers;
using Upsell.Domain.Tokens;
using Upsell.Functions.Offers;
using Upsell.Infrastructure.Shoppers;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

[Collection(UsesAzurite.Name)]
public sealed class OfferFunctionTests(Azurite azurite) : AzuriteTest(azurite)
{
    public override async Task InitializeAsync() => await DemoCatalogSeeder.SeedAsync(App.Get<CatalogAdmin>(), default);

    public static TheoryData<string, string, string, string> Moments => new()
    {
        // moment, SKU in the cart, its category, the demo offer that wins
        { "cart", "CAM-X100", "cameras", "cam-sd-card" },
        { "shipping", "BIKE-CITY", "bikes", "bike-assembly" },
        { "payment", "LAP-14", "laptops", "laptop-warranty" },
        { "form", "TENT-2P", "camping", "gift-wrap" },
        { "confirmation", "PHN-S", "phones", "phone-protection" },
        { "post-purchase", "SHOE-TRAIL", "footwear", "trail-socks" },
        { "exit-intent", "CAM-X100", "cameras", "exit-cleaning-kit" },
    };

    [Theory]
    [MemberData(nameof(Moments))]
    public async Task Each_moment_answers_its_most_relevant_offer(string moment, string sku, string category, string offerId)
    {
        var response = await PostAsync(moment, Body(cart: [Line(sku, category, 89900)], signal: moment == "exit-intent" ? "top-edge" : null));

        Assert.Equal(200, response.Status);
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
        var offer = response.Json.GetProperty("offers")[0];
        Assert.Equal(offerId, offer.GetProperty("offerId").GetString());
        Assert.Equal(moment, response.Json.GetProperty("moment").GetString());
        Assert.False(string.IsNullOrEmpty(offer.GetProperty("headline").GetString()));
        Assert.Equal("Nein, danke", offer.GetProperty("declineText").GetString());
        Assert.EndsWith(" €", offer.GetProperty("price").GetProperty("formatted").GetString());
        Assert.True(App.Get<DecisionTokenSigner>().TryVerify(offer.GetProperty("token").GetString(), App.Clock.GetUtcNow(), TimeSpan.FromHours(1), out var token, out _));
        Assert.Equal((offerId, "visitor-1", "session-1"), (token!.OfferId, token.VisitorId, token.SessionId));
    }

    [Fact]
    public async Task The_cart_answers_up_to_three_offers_with_a_formatted_price_and_the_experiment_variant()
    {
        var response = await PostAsync("cart", Body(cart: [Line("CAM-X100", "cameras", 89900)], locale: "en-US"));

        var offers = response.Json.GetProperty("offers").EnumerateArray().ToList();
        Assert.Equal(["cam-sd-card", "cam-bag"], offers.Select(o => o.GetProperty("offerId").GetString()));
        Assert.Equal("cart-sd-card-price", offers[0].GetProperty("experiment").GetString());
        var variant = offers[0].GetProperty("variant").GetString();
        var price = offers[0].GetProperty("price");
        Assert.Equal(variant == "control" ? "€24.99" : "€19.99", price.GetProperty("formatted").GetString());
        Assert.Equal("€39.99", offers[1].GetProperty("price").GetProperty("formatted").GetString());
    }

    [Fact]
    public async Task A_decision_makes_one_visitor_read_and_one_batch_write_and_sends_one_message()
    {
        var (tables, queues) = (new RequestCountPolicy(), new RequestCountPolicy());
        await using var app = new TestApp(Azurite, App.Settings, services => services
            .Configure<Azure.Data.Tables.TableClientOptions>("Default", o => o.AddPolicy(tables, Azure.Core.HttpPipelinePosition.PerRetry))
            .Configure<Azure.Storage.Queues.QueueClientOptions>("Default", o => o.AddPolicy(queues, Azure.Core.HttpPipelinePosition.PerRetry)));
        await PostAsync("cart", Body([Line("CAM-X100", "cameras", 89900)], visitor: "warm-up", session: "warm-up"), app); // creates the tables and the queue
        var (tablesBefore, queuesBefore) = (tables.Count, queues.Count);

        // First visits (each keeps a first experiment arm with its prompt), and one visitor's later moments.
        const int Decisions = 12;
        for (var i = 0; i < Decisions; i++)
        {
            var (visitor, moment) = i < 6 ? ($"visitor-{i}", "cart") : ("visitor-0", i % 2 == 0 ? "shipping" : "payment");
            Assert.Equal(200, (await PostAsync(moment, Body([Line("CAM-X100", "cameras", 89900), Line("BIKE-CITY", "bikes", 49900), Line("LAP-14", "laptops", 99900)], visitor: visitor, session: $"session-{visitor}-{i}"), app)).Status);
        }

        Assert.True(tables.Count - tablesBefore <= 2 * Decisions, $"{tables.Count - tablesBefore} table requests for {Decisions} decisions");
        Assert.Equal(Decisions, queues.Count - queuesBefore);
    }

    [Fact]
    public async Task Exposures_of_decisions_in_flight_together_share_a_message_and_none_is_lost()
    {
        var queues = new RequestCountPolicy();
        await using var app = new TestApp(Azurite, App.Settings, services => services
            .Configure<Azure.Storage.Queues.QueueClientOptions>("Default", o => o.AddPolicy(queues, Azure.Core.HttpPipelinePosition.PerRetry)));
        await PostAsync("cart", Body([Line("CAM-X100", "cameras", 89900)], visitor: "warm-up", session: "warm-up"), app);
        await app.ReceiveAsync(app.Get<Infrastructure.Queues.UpsellQueues>().EventsName);
        var before = queues.Count;

        const int Decisions = 48;
        await Parallel.ForEachAsync(Enumerable.Range(0, Decisions), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            Assert.True((await PostAsync("cart", Body([Line("CAM-X100", "cameras", 89900)], visitor: $"visitor-{i}", session: $"session-{i}"), app)).Status is 200 or 204));
        var sent = queues.Count - before;
        var messages = await app.ReceiveAsync(app.Get<Infrastructure.Queues.UpsellQueues>().EventsName);
        var exposures = messages.SelectMany(m => System.Text.Json.JsonSerializer.Deserialize(m.Body.ToMemory().Span, Infrastructure.Queues.QueueJson.Default.EventMessage)!.Exposures!).ToList();

        Assert.Equal(Enumerable.Range(0, Decisions).Select(i => $"visitor-{i}").Order(), exposures.Select(x => x.VisitorId).Order());
        Assert.Equal(messages.Count, sent);
        Assert.True(sent < Decisions, $"{sent} messages for {Decisions} decisions in flight 8 at a time");
    }

    [Fact]
    public async Task Exit_intent_answers_once_per_session()
    {
        var body = Body(cart: [Line("CAM-X100", "cameras", 89900)], signal: "top-edge");

        var first = await PostAsync("exit-intent", body);
        var second = await PostAsync("exit-intent", body);

        Assert.Equal((200, "offers"), (first.Status, Reason(first)));
        Assert.Equal((204, "exit-intent-used"), (second.Status, Reason(second)));
    }

    [Fact]
    public async Task A_session_sees_at_most_its_cap_of_prompts_and_a_repeated_moment_is_not_a_new_prompt()
    {
        var cart = new[] { Line("CAM-X100", "cameras", 89900) };

        var answers = new List<(int, string?)>();
        foreach (var moment in new[] { "cart", "payment", "cart", "confirmation" })
        {
            var response = await PostAsync(moment, Body(cart: cart));
            answers.Add((response.Status, Reason(response)));
        }

        Assert.Equal([(200, "offers"), (200, "offers"), (200, "offers"), (204, "session-cap")], answers);
    }

    [Fact]
    public async Task A_stored_decline_removes_the_offer_on_every_moment()
    {
        var cart = new[] { Line("CAM-X100", "cameras", 89900) };
        Assert.Equal("camera-protection", FirstOffer(await PostAsync("payment", Body(cart: cart, session: "s-before"))));

        // As the outcomes queue function writes it when the shopper says "No thanks".
        await App.Get<ShopperStateStore>().RecordDeclineAsync("visitor-1", "camera-protection", OfferKind.ProtectionPlan, App.Clock.GetUtcNow(), default);

        foreach (var moment in new[] { "payment", "confirmation" })
        {
            var response = await PostAsync(moment, Body(cart: cart, session: $"s-after-{moment}"));
            Assert.True(response.Status == 204 || FirstOffer(response) != "camera-protection", $"{moment} still offers the declined plan");
        }

        // And exit intent stays quiet during the cool-down.
        var exit = await PostAsync("exit-intent", Body(cart: cart, signal: "top-edge", session: "s-exit"));
        Assert.Equal((204, "exit-intent-cooldown"), (exit.Status, Reason(exit)));
    }

    [Fact]
    public async Task A_visitor_in_the_holdout_gets_204()
    {
        await using var app = new TestApp(Azurite, new Dictionary<string, string?> { ["Upsell:Decisions:HoldoutPercent"] = "50" });
        await DemoCatalogSeeder.SeedAsync(app.Get<CatalogAdmin>(), default);
        var engine = app.Get<OfferEngine>();
        var heldOut = Enumerable.Range(0, 100).Select(i => $"visitor-{i}").First(engine.IsHeldOut);
        var treated = Enumerable.Range(0, 100).Select(i => $"visitor-{i}").First(v => !engine.IsHeldOut(v));
        var cart = new[] { Line("CAM-X100", "cameras", 89900) };

        var held = await PostAsync("cart", Body(cart: cart, visitor: heldOut), app);
        Assert.Equal((204, "holdout"), (held.Status, Reason(held)));
        Assert.Equal(200, (await PostAsync("cart", Body(cart: cart, visitor: treated), app)).Status);
    }

    [Fact]
    public async Task Nothing_that_fits_answers_204()
    {
        var response = await PostAsync("shipping", Body(cart: [Line("GUM-1", "snacks", 100)]));

        Assert.Equal((204, "nothing-eligible"), (response.Status, Reason(response)));
        Assert.Equal(OfferEndpoint.ReasonHeader, response.Headers.AccessControlExposeHeaders.ToString());
    }

    [Fact]
    public async Task Exit_intent_offers_no_product_the_page_already_offers_at_another_price()
    {
        var cart = new[] { Line("SHOE-TRAIL", "footwear", 12900) };
        var express = new { sku = "SHIP-EXPRESS", externalId = "44012345678906", unitPrice = 699, currency = "EUR" };

        var alone = await PostAsync("exit-intent", Body(cart: cart, signal: "top-edge", session: "s-alone"));
        var beside = await PostAsync("exit-intent", Body(cart: cart, signal: "top-edge", session: "s-beside", onPage: [express]));
        var same = await PostAsync("exit-intent", Body(cart: cart, signal: "top-edge", session: "s-same", onPage: [express with { unitPrice = 0 }]));
        var request = Http.Json(Body(cart: cart, signal: "top-edge", session: "s-why", onPage: [express]));
        var why = await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<ExplainDecisionFunction>(App.Services).ExplainDecision(request, "exit-intent", default));

        // Free express shipping, alone; not beside the same shipping for €6.99; the same price twice is no contradiction.
        Assert.Equal("exit-free-express", FirstOffer(alone));
        Assert.Equal((204, "nothing-eligible"), (beside.Status, Reason(beside)));
        Assert.Equal("exit-free-express", FirstOffer(same));
        var free = why.Json.GetProperty("offers").EnumerateArray().Single(o => o.GetProperty("offerId").GetString() == "exit-free-express");
        Assert.Equal(("contradicts", "The page already offers the same product at another price."), (free.GetProperty("rule").GetString(), free.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task The_explain_route_names_the_offers_shown_and_the_rule_that_dropped_each_other_one_and_writes_nothing()
    {
        var cart = new[] { Line("CAM-X100", "cameras", 89900) };
        var shown = await PostAsync("payment", Body(cart: cart, session: "s-shown"));
        await App.Get<ShopperStateStore>().RecordDeclineAsync("visitor-1", "camera-protection", OfferKind.ProtectionPlan, App.Clock.GetUtcNow(), default);
        var before = await App.Get<ShopperStateStore>().LoadAsync("visitor-1", "s-why", default);

        var request = Http.Json(Body(cart: cart, session: "s-why"));
        var why = await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<ExplainDecisionFunction>(App.Services).ExplainDecision(request, "payment", default));
        var after = await App.Get<ShopperStateStore>().LoadAsync("visitor-1", "s-why", default);

        Assert.Equal("camera-protection", FirstOffer(shown));
        Assert.Equal(200, why.Status);
        var offers = why.Json.GetProperty("offers").EnumerateArray().ToDictionary(o => o.GetProperty("offerId").GetString()!);
        Assert.Equal(("ruled-out", "declined"), (offers["camera-protection"].GetProperty("verdict").GetString(), offers["camera-protection"].GetProperty("rule").GetString()));
        Assert.Equal("The shopper declined it (or an offer of its kind) within the cool-down.", offers["camera-protection"].GetProperty("text").GetString());
        Assert.Contains(offers.Values, o => o.GetProperty("verdict").GetString() == "ruled-out" && o.GetProperty("rule").GetString() == "other-moment");
        Assert.All(offers.Values, o => Assert.Contains(o.GetProperty("verdict").GetString(), ExplainVerdicts));
        Assert.Equal(why.Json.GetProperty("reason").GetString() == "offers", offers.Values.Any(o => o.GetProperty("verdict").GetString() == "shown"));
        // Asking wrote no prompt: the session's cap is untouched.
        Assert.Equal(before.History.SessionPrompts, after.History.SessionPrompts);
    }

    private static readonly string[] ExplainVerdicts = ["shown", "ranked-lower", "ruled-out", "not-considered"];

    private static string? Reason(Http.Response response) => response.Headers[OfferEndpoint.ReasonHeader].ToString() is { Length: > 0 } reason ? reason : null;

    public static TheoryData<string, string, string, string> BadInputs => new()
    {
        // name, moment, body, the field the problem names
        { "unknown moment", "checkout", Valid, "moment" },
        { "missing session id", "cart", """{"visitorId":"v"}""", "sessionId" },
        { "missing visitor id", "cart", """{"sessionId":"s"}""", "visitorId" },
        { "session id too long", "cart", $$"""{"sessionId":"{{new string('s', 65)}}","visitorId":"v"}""", "sessionId" },
        { "visitor id with a slash", "cart", """{"sessionId":"s","visitorId":"a/b"}""", "visitorId" },
        { "negative price", "cart", CartOf("""{"sku":"A","unitPrice":-1,"quantity":1}"""), "cart[0].unitPrice" },
        { "absurd price", "cart", CartOf("""{"sku":"A","unitPrice":1000000000000,"quantity":1}"""), "cart[0].unitPrice" },
        { "zero quantity", "cart", CartOf("""{"sku":"A","unitPrice":100,"quantity":0}"""), "cart[0].quantity" },
        { "absurd quantity", "cart", CartOf("""{"sku":"A","unitPrice":100,"quantity":100000}"""), "cart[0].quantity" },
        { "mixed currencies", "cart", CartOf("""{"sku":"A","unitPrice":100,"quantity":1,"currency":"EUR"},{"sku":"B","unitPrice":100,"quantity":1,"currency":"USD"}"""), "cart[1].currency" },
        { "unknown currency", "cart", CartOf("""{"sku":"A","unitPrice":100,"quantity":1,"currency":"EURO"}"""), "cart[0].currency" },
        { "101 cart lines", "cart", CartOf(string.Join(',', Enumerable.Repeat("""{"sku":"A","unitPrice":1,"quantity":1}""", 101))), "cart" },
        { "SKU too long", "cart", CartOf($$"""{"sku":"{{new string('a', 65)}}","unitPrice":1,"quantity":1}"""), "cart[0].sku" },
        { "price of the wrong type", "cart", CartOf("""{"sku":"A","unitPrice":"cheap","quantity":1}"""), "cart[0].unitPrice" },
        { "unknown field", "cart", """{"sessionId":"s","visitorId":"v","coupon":"FREE"}""", "coupon" },
        { "unknown device", "cart", """{"sessionId":"s","visitorId":"v","device":"fridge"}""", "device" },
        { "bad country", "cart", """{"sessionId":"s","visitorId":"v","country":"Germany"}""", "country" },
        { "bad locale", "cart", """{"sessionId":"s","visitorId":"v","locale":"not-a-locale-at-all"}""", "locale" },
        { "first-time with orders", "cart", """{"sessionId":"s","visitorId":"v","customer":{"firstTime":true,"orderCount":3}}""", "customer.firstTime" },
        { "signal outside exit intent", "cart", """{"sessionId":"s","visitorId":"v","signal":"top-edge"}""", "signal" },
        { "exit intent without a signal", "exit-intent", CartOf("""{"sku":"A","unitPrice":100,"quantity":1}"""), "signal" },
        { "exit intent with an unknown signal", "exit-intent", """{"sessionId":"s","visitorId":"v","signal":"shake"}""", "signal" },
        { "invalid JSON", "cart", """{"sessionId":"s",""", "body" },
        { "empty body", "cart", "", "body" },
        { "a JSON array", "cart", "[]", "body" },
        { "body over 16 KiB", "cart", $$"""{"sessionId":"s","visitorId":"v","locale":"{{new string('x', 16_400)}}"}""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_a_400_problem_naming_the_field_and_writes_nothing(string name, string moment, string body, string field)
    {
        var request = Http.Request("POST", body);
        var result = moment == "exit-intent"
            ? await Function<DecideExitIntentOffersFunction>().DecideExitIntentOffers(request, default)
            : await Function<DecideOffersFunction>().DecideOffers(request, moment, default);
        var response = await Http.ExecuteAsync(request, result);

        Assert.True(response.Status == 400, name);
        Assert.StartsWith("application/problem+json", response.ContentType);
        Assert.Contains(field, response.ProblemFields);
        Assert.Equal(0, await StoredShopperRowsAsync());
    }

    private const string Valid = """{"sessionId":"s","visitorId":"v"}""";

    private static string CartOf(string lines) => $$"""{"sessionId":"s","visitorId":"v","cart":[{{lines}}]}""";

    private static object Line(string sku, string category, long unitPrice) => new { sku, category, unitPrice, quantity = 1, currency = "EUR" };

    private static object Body(object[] cart, string locale = "de-DE", string? signal = null, string session = "session-1", string visitor = "visitor-1", object[]? onPage = null) => new
    {
        sessionId = session,
        visitorId = visitor,
        cart,
        device = "desktop",
        country = "DE",
        locale,
        customer = new { firstTime = true, orderCount = 0 },
        signal,
        onPage,
    };

    private static string? FirstOffer(Http.Response response) =>
        response.Status == 200 ? response.Json.GetProperty("offers")[0].GetProperty("offerId").GetString() : null;

    private T Function<T>() => ActivatorUtilities.CreateInstance<T>(App.Services);

    private async Task<Http.Response> PostAsync(string moment, object body, TestApp? app = null)
    {
        app ??= App;
        var request = Http.Json(body);
        IActionResult result = moment == "exit-intent"
            ? await ActivatorUtilities.CreateInstance<DecideExitIntentOffersFunction>(app.Services).DecideExitIntentOffers(request, default)
            : await ActivatorUtilities.CreateInstance<DecideOffersFunction>(app.Services).DecideOffers(request, moment, default);
        return await Http.ExecuteAsync(request, result);
    }

    private async Task<int> StoredShopperRowsAsync()
    {
        var service = new TableServiceClient(Azurite.ConnectionString);
        var count = 0;
        foreach (var table in new[] { "suppressions" })
        {
            if (service.Query(t => t.Name == App.TablePrefix + table).Any())
            {
                count += service.GetTableClient(App.TablePrefix + table).Query<TableEntity>().Count();
            }
        }

        return count;
    }
}
