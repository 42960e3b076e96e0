using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Application.Catalog;
using Upsell.Functions.Events;
using Upsell.Functions.Offers;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>
/// The JSON that upsell.js sends and expects (contracts/api/*.json): the functions accept the example requests and
/// answer in the example responses' shape. The browser tests answer the script from the same files.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class ContractTests(Azurite azurite) : AzuriteTest(azurite)
{
    public override async Task InitializeAsync() => await DemoCatalogSeeder.SeedAsync(App.Get<CatalogAdmin>(), default);

    [Fact]
    public async Task The_offer_request_is_accepted_and_answered_in_the_offer_response_shape()
    {
        var answer = await DecideAsync("cart", "offer-request.json");

        Assert.Equal(200, answer.Status);
        var offer = answer.Json.GetProperty("offers").EnumerateArray().First(o => o.TryGetProperty("experiment", out _));
        var expected = Fixture("offer-response.json");
        AssertSameShape(expected, answer.Json, "$");
        AssertSameShape(expected.GetProperty("offers")[0], offer, "$.offers[0]");
    }

    [Fact]
    public async Task The_offer_answer_carries_what_a_cart_adds_and_a_product_card_shows()
    {
        var answer = await DecideAsync("cart", "offer-request.json");

        var offers = answer.Json.GetProperty("offers").EnumerateArray().ToList();
        var card = offers.Single(o => o.GetProperty("offerId").GetString() == "cam-sd-card");
        var control = card.GetProperty("variant").GetString() == "control";
        Assert.Equal(("SD-128", "44012345678900", "/img/sd-card.svg"), (card.GetProperty("sku").GetString(), card.GetProperty("externalId").GetString(), card.GetProperty("imageUrl").GetString()));
        Assert.Equal("€29.99", card.GetProperty("compareAtPrice").GetProperty("formatted").GetString());
        // The control sells at €24.99 and the "discounted" arm at €19.99, both against the usual €29.99.
        Assert.Equal(control ? (500, "€5.00") : (1000, "€10.00"), (card.GetProperty("saving").GetProperty("amount").GetInt32(), card.GetProperty("saving").GetProperty("formatted").GetString()));
        Assert.All(offers, o => Assert.True(o.TryGetProperty("sku", out _) && o.TryGetProperty("imageUrl", out _), o.ToString()));
    }

    [Fact]
    public async Task The_exit_intent_request_is_accepted_and_answered_in_the_offer_response_shape()
    {
        var answer = await DecideAsync("exit-intent", "exit-intent-request.json");

        Assert.Equal(200, answer.Status);
        AssertSameShape(Fixture("offer-response.json").GetProperty("offers")[0], answer.Json.GetProperty("offers")[0], "$.offers[0]");
    }

    [Fact]
    public async Task The_events_request_with_a_real_token_is_answered_with_the_events_response()
    {
        var token = (await DecideAsync("cart", "offer-request.json")).Json.GetProperty("offers")[0].GetProperty("token").GetString();
        var events = JsonNode.Parse(File.ReadAllText(Path("events-request.json")))!;
        foreach (var e in events["events"]!.AsArray())
        {
            e!["token"] = token;
            e["at"] = TestApp.Start.ToString("O");
        }

        var request = Http.Request("POST", events.ToJsonString());
        request.ContentType = "text/plain;charset=UTF-8";
        var response = await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<CollectEventsFunction>(App.Services).CollectEvents(request, default));

        Assert.Equal(202, response.Status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(Path("events-response.json"))), JsonNode.Parse(response.Body)), response.Body);
    }

    private async Task<Http.Response> DecideAsync(string moment, string fixture)
    {
        var request = Http.Request("POST", File.ReadAllText(Path(fixture)));
        return await Http.ExecuteAsync(request, moment == "exit-intent"
            ? await ActivatorUtilities.CreateInstance<DecideExitIntentOffersFunction>(App.Services).DecideExitIntentOffers(request, default)
            : await ActivatorUtilities.CreateInstance<DecideOffersFunction>(App.Services).DecideOffers(request, moment, default));
    }

    [Trait("Category", "Simulation")]
    [Theory]
    [InlineData("report-experiments.json", "experiments", null, null)]
    [InlineData("report-experiment.json", "experiments", null, Reports.Experiment)]
    [InlineData("report-moments.json", "moments", "?from=2026-11-20&to=2026-11-24", null)]
    [InlineData("report-holdout.json", "holdout", "?from=2026-11-20&to=2026-11-24", null)]
    public async Task The_report_functions_answer_in_the_shape_the_dashboard_reads(string fixture, string report, string? query, string? key)
    {
        await App.SeedAsync(200, (i, variant) => i % 10 < (variant == "control" ? 1 : 2));
        await App.SeedAsync(100, (i, variant) => i % 10 < 2, prefix: "s-", experimentKey: "shipping-express-copy");

        var response = await App.GetAsync(report, query, key);

        Assert.Equal(200, response.Status);
        AssertSameShape(Fixture(fixture), response.Json, "$");
    }

    [Trait("Category", "Simulation")]
    [Fact]
    public async Task A_bandit_report_answers_in_the_shape_the_console_reads()
    {
        var admin = App.Get<CatalogAdmin>();
        var stored = (await admin.GetExperimentAsync(Reports.Experiment, default))!.Document;
        await admin.SaveExperimentAsync(stored with { Allocation = "bandit" }, create: false, null, default);
        await App.SeedAsync(300, (i, variant) => i % 10 < (variant == "control" ? 1 : 3));
        await ActivatorUtilities.CreateInstance<Upsell.Functions.Bandits.ReallocateBanditsFunction>(App.Services).ReallocateBandits(new Microsoft.Azure.Functions.Worker.TimerInfo(), default);

        var response = await App.GetAsync("experiments", key: Reports.Experiment);

        Assert.Equal(200, response.Status);
        AssertSameShape(Fixture("report-experiment-bandit.json"), response.Json, "$");
    }

    [Fact]
    public async Task The_affinity_of_a_SKU_answers_in_the_documented_shape()
    {
        string[][] baskets = [["CAM-X100", "SD-128", "BAG-1"], ["CAM-X100", "SD-128"], ["CAM-X100", "SD-128", "TRIPOD"], ["CAM-X100", "SD-128"], ["CAM-X100", "BAG-1"], ["CAM-X100", "BAG-1"], ["LAPTOP-14", "SLEEVE-14"], ["PHONE-12", "CASE-12"]];
        foreach (var (basket, i) in baskets.Select((b, i) => (b, i)))
        {
            await App.RecordOrderAsync(Affinity.SyntheticShop.Message($"affinity-{i}", basket));
        }

        await App.Get<Application.Affinity.AffinityBuilder>().RefreshAsync(default);
        var request = Http.Request("GET");
        var response = await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<Upsell.Functions.Affinity.AffinityFunctions>(App.Services).GetAffinity(request, "CAM-X100", default));

        Assert.Equal(200, response.Status);
        AssertSameShape(Fixture("affinity.json"), response.Json, "$");
        Assert.Equal(["SD-128", "BAG-1"], response.Json.GetProperty("neighbours").EnumerateArray().Select(n => n.GetProperty("sku").GetString()));
    }

    [Fact]
    public async Task The_admin_offers_answer_in_the_shapes_the_console_reads()
    {
        var offers = ActivatorUtilities.CreateInstance<Catalog.ManageCatalogFunctions>(App.Services);
        var list = await Http.ExecuteAsync(Http.Request("GET"), await offers.ListOffers(Http.Request("GET"), default));

        Assert.Equal(JsonValueKind.Array, list.Json.ValueKind);
        foreach (var expected in Fixture("admin-offers.json").EnumerateArray().Append(Fixture("admin-offer.json")))
        {
            var id = expected.GetProperty("id").GetString()!;
            var request = Http.Request("GET");
            var actual = await Http.ExecuteAsync(request, await offers.GetOffer(request, id, default));
            Assert.Equal(200, actual.Status);
            AssertSameShape(expected, actual.Json, $"offers/{id}");
        }
    }

    [Fact]
    public async Task The_empty_offer_form_gets_exactly_the_field_errors_the_console_fixture_shows()
    {
        var request = Http.Request("POST", File.ReadAllText(Path("admin-offer-invalid-request.json")));

        var response = await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<Catalog.ManageCatalogFunctions>(App.Services).CreateOffer(request, default));

        Assert.Equal(400, response.Status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(Path("admin-offer-invalid-response.json"))), JsonNode.Parse(response.Body)), response.Body);
    }

    [Fact]
    public async Task A_stale_save_gets_the_412_the_console_fixture_shows()
    {
        var offers = ActivatorUtilities.CreateInstance<Catalog.ManageCatalogFunctions>(App.Services);
        var get = Http.Request("GET");
        var read = await Http.ExecuteAsync(get, await offers.GetOffer(get, "cam-sd-card", default));
        var first = Http.Request("PUT", read.Body.Replace("\"priority\":10", "\"priority\":11", StringComparison.Ordinal), new Dictionary<string, string> { ["If-Match"] = read.Headers.ETag! });
        await Http.ExecuteAsync(first, await offers.ReplaceOffer(first, "cam-sd-card", default));
        var stale = Http.Request("PUT", read.Body, new Dictionary<string, string> { ["If-Match"] = read.Headers.ETag! });

        var response = await Http.ExecuteAsync(stale, await offers.ReplaceOffer(stale, "cam-sd-card", default));

        Assert.Equal(412, response.Status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(Path("admin-offer-conflict.json"))), JsonNode.Parse(response.Body)), response.Body);
    }

    [Fact]
    public async Task The_explain_route_answers_the_console_why_page_exactly_as_its_fixture_shows()
    {
        var request = Http.Request("POST", File.ReadAllText(Path("explain-request.json")));

        var response = await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<ExplainDecisionFunction>(App.Services).ExplainDecision(request, "payment", default));

        Assert.Equal(200, response.Status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(Path("explain-response.json"))), JsonNode.Parse(response.Body)), response.Body);
    }

    [Fact]
    public async Task A_bandit_whose_arms_nobody_has_seen_reports_no_chance_of_being_best_and_no_expected_loss()
    {
        var admin = App.Get<CatalogAdmin>();
        var stored = (await admin.GetExperimentAsync(Reports.Experiment, default))!.Document;
        await admin.SaveExperimentAsync(stored with { Allocation = "bandit" }, create: false, null, default);

        var response = await App.GetAsync("experiments", key: Reports.Experiment);

        var arms = response.Json.GetProperty("bandit").GetProperty("arms").EnumerateArray().ToList();
        Assert.Equal(2, arms.Count);
        Assert.All(arms, a => Assert.Equal((0L, JsonValueKind.Null, JsonValueKind.Null),
            (a.GetProperty("visitors").GetInt64(), a.GetProperty("chanceToBeBest").ValueKind, a.GetProperty("expectedLoss").ValueKind)));
    }

    [Fact]
    public async Task A_draft_bandit_saves_the_shares_typed_and_refuses_an_arm_at_zero_exactly_as_the_console_fixtures_show()
    {
        var catalog = ActivatorUtilities.CreateInstance<Catalog.ManageCatalogFunctions>(App.Services);
        var draft = JsonNode.Parse(File.ReadAllText(Path("admin-experiment-bandit-draft.json")))!.AsObject();
        var post = Http.Request("POST", draft.ToJsonString());
        var created = await Http.ExecuteAsync(post, await catalog.CreateExperiment(post, default));

        var edited = WithWeights(draft, 0.34, 0.33, 0.33);
        var put = Http.Request("PUT", edited.ToJsonString(), new Dictionary<string, string> { ["If-Match"] = created.Headers.ETag! });
        var saved = await Http.ExecuteAsync(put, await catalog.ReplaceExperiment(put, "cart-sd-card-bandit", default));
        var zero = Http.Request("PUT", WithWeights(draft, 0.5, 0.5, 0).ToJsonString(), new Dictionary<string, string> { ["If-Match"] = saved.Headers.ETag! });
        var refused = await Http.ExecuteAsync(zero, await catalog.ReplaceExperiment(zero, "cart-sd-card-bandit", default));

        // The draft is stored as the fixture shows it; its edited shares are saved as typed, still in phase 1.
        Assert.Equal((201, 200, 400), (created.Status, saved.Status, refused.Status));
        Assert.True(JsonNode.DeepEquals(draft, JsonNode.Parse(created.Body)), created.Body);
        Assert.True(JsonNode.DeepEquals(edited, JsonNode.Parse(saved.Body)), saved.Body);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(Path("admin-experiment-bandit-zero-response.json"))), JsonNode.Parse(refused.Body)), refused.Body);
    }

    // The document with its arms' shares, and the phase's weights with them (a draft's phase starts as last saved).
    private static JsonObject WithWeights(JsonObject document, params double[] weights)
    {
        var copy = document.DeepClone().AsObject();
        var phase = copy["phases"]![0]!["weights"]!.AsObject();
        for (var i = 0; i < weights.Length; i++)
        {
            var variant = copy["variants"]![i]!.AsObject();
            variant["weight"] = weights[i];
            phase[variant["key"]!.GetValue<string>()] = weights[i];
        }

        return copy;
    }

    [Trait("Category", "Simulation")]
    [Fact]
    public async Task The_admin_experiments_and_the_offer_report_answer_in_the_shapes_the_console_reads()
    {
        var experiments = ActivatorUtilities.CreateInstance<Catalog.ManageCatalogFunctions>(App.Services);
        var list = await Http.ExecuteAsync(Http.Request("GET"), await experiments.ListExperiments(Http.Request("GET"), default));
        var one = await Http.ExecuteAsync(Http.Request("GET"), await experiments.GetExperiment(Http.Request("GET"), "cart-sd-card-price", default));
        await App.SeedAsync(40, (i, _) => i % 4 == 0);
        var report = await App.GetAsync("offers");

        AssertSameShape(Fixture("admin-experiments.json"), list.Json, "$");
        AssertSameShape(Fixture("admin-experiment.json"), one.Json, "$");
        Assert.Equal(200, report.Status);
        AssertSameShape(Fixture("report-offers.json"), report.Json, "$");
        var sdCard = report.Json.GetProperty("offers").EnumerateArray().Single(o => o.GetProperty("offerId").GetString() == "cam-sd-card");
        Assert.Equal(40, sdCard.GetProperty("totals").GetProperty("impressions").GetInt64());
    }

    [Fact]
    public async Task The_operations_function_answers_in_the_shape_the_dashboard_reads()
    {
        var queues = App.Get<Infrastructure.Queues.UpsellQueues>();
        await (await queues.GetAsync(queues.EventsName + Infrastructure.Queues.UpsellQueues.PoisonSuffix, default)).SendMessageAsync("{}");
        await App.PlaceAsync(Outcomes.Order());
        var request = Http.Request("GET");

        var response = await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<Operations.OperationsFunctions>(App.Services).ShowOperations(request, default));

        Assert.Equal(200, response.Status);
        AssertSameShape(Fixture("operations.json"), response.Json, "$");
    }

    // Null is not written: offers outside an experiment have no experiment or variant, an offer may have no SKU,
    // platform id, image or compare-at price (and then no saving), a fixed test's report has no bandit, reports leave out what is not
    // known yet (an unbounded interval side, a sample size that cannot be sized, a hypothesis or decision not given).
    private static readonly string[] Optional =
        ["experiment", "variant", "sku", "externalId", "imageUrl", "compareAtPrice", "saving", "hypothesis", "decision", "best", "low", "high", "sampleSizePerArm", "sampleSizeRemaining", "adjustedPValue", "adjustedAlwaysValidPValue", "relativeLiftNote", "oldestPoisonAgeSeconds", "catalogAgeSeconds", "activeFrom", "activeUntil", "body", "priceMinor", "copy", "offerId", "decision", "bandit", "shipRefusal", "refusedOnDay", "relativeChange", "coverage", "priceGrant"];

    // Null where it is undefined (a lift against a baseline of zero), a value otherwise.
    private static readonly string[] Nullable = ["relativeLift", "relativeInterval", "chanceToBeBest", "expectedLoss"];

    // Same property names at every level and the same kind of value (arrays compared by their first element).
    internal static void AssertSameShape(JsonElement expected, JsonElement actual, string path)
    {
        Assert.True(Kind(expected) == Kind(actual), $"{path}: {expected.ValueKind} expected, {actual.ValueKind} found");
        if (expected.ValueKind == JsonValueKind.Object)
        {
            var names = actual.EnumerateObject().Select(p => p.Name).ToHashSet();
            Assert.Equal(expected.EnumerateObject().Select(p => p.Name).Where(n => names.Contains(n) || !Optional.Contains(n)).Order(),
                names.Where(n => expected.TryGetProperty(n, out _) || !Optional.Contains(n)).Order());
            foreach (var property in expected.EnumerateObject().Where(p => names.Contains(p.Name)
                && !(Nullable.Contains(p.Name) && (p.Value.ValueKind == JsonValueKind.Null || actual.GetProperty(p.Name).ValueKind == JsonValueKind.Null))))
            {
                AssertSameShape(property.Value, actual.GetProperty(property.Name), $"{path}.{property.Name}");
            }
        }
        else if (expected.ValueKind == JsonValueKind.Array && expected.GetArrayLength() > 0 && actual.GetArrayLength() > 0)
        {
            AssertSameShape(expected[0], actual[0], $"{path}[0]");
        }
    }

    private static JsonValueKind Kind(JsonElement element) => element.ValueKind == JsonValueKind.False ? JsonValueKind.True : element.ValueKind;

    private static JsonElement Fixture(string name) => JsonDocument.Parse(File.ReadAllText(Path(name))).RootElement;

    private static string Path(string name) => System.IO.Path.Combine(Azurite.RepositoryRoot(), "contracts", "api", name);
}
