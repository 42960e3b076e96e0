using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Application.Catalog;
using Upsell.Domain.Offers;
using Upsell.Functions.Offers;
using Upsell.Infrastructure.Queues;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>
/// The report functions against Azurite, with counters recorded through the real recording path; a 10% holdout, so
/// the holdout view has visitors on both sides.
/// </summary>
[Collection(UsesSecondAzurite.Name)]
public sealed class ReportFunctionTests(SecondAzurite azurite) : IAsyncLifetime
{
    private TestApp App { get; } = new(azurite, new Dictionary<string, string?> { ["Upsell:Decisions:HoldoutPercent"] = "10" });

    public async Task InitializeAsync() => await DemoCatalogSeeder.SeedAsync(App.Get<CatalogAdmin>(), default);

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Trait("Category", "Simulation")]
    [Fact]
    public async Task A_clearly_better_variant_is_called_the_winner_with_every_arm_counted_exactly()
    {
        // Two weeks into the phase, so the day's look may decide; the verdict waits for the day to end.
        App.Clock.Advance(TimeSpan.FromDays(13));
        var shoppers = await App.SeedAsync(1200, (i, variant) => i % 10 < (variant == "control" ? 1 : 3));
        var sameDay = (await App.GetAsync("experiments", key: Reports.Experiment)).Json;
        App.Clock.Advance(TimeSpan.FromDays(1));

        var response = await App.GetAsync("experiments", key: Reports.Experiment);

        Assert.Equal(200, response.Status);
        var report = response.Json;
        Assert.Equal("variant-wins", report.GetProperty("verdict").GetProperty("kind").GetString());
        Assert.Equal("discounted", report.GetProperty("verdict").GetProperty("variant").GetString());
        Assert.StartsWith("Variant discounted wins: acceptance rate +", report.GetProperty("verdict").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("(decided on day 14). Ship it.", report.GetProperty("verdict").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("keep-running", sameDay.GetProperty("verdict").GetProperty("kind").GetString());
        Assert.False(report.GetProperty("sampleRatio").GetProperty("mismatch").GetBoolean());
        Assert.False(report.TryGetProperty("shipRefusal", out _));
        Assert.False(Assert.Single(report.GetProperty("guardrail").EnumerateArray()).TryGetProperty("refusedOnDay", out _));
        Assert.Contains("always-valid", report.GetProperty("basis").GetString(), StringComparison.Ordinal);
        foreach (var arm in report.GetProperty("arms").EnumerateArray())
        {
            var mine = shoppers.Where(s => !s.HeldOut && s.Variant == arm.GetProperty("key").GetString()).ToList();
            var totals = arm.GetProperty("totals");
            Assert.Equal(mine.Count, totals.GetProperty("visitors").GetInt64());
            Assert.Equal(mine.Count(s => s.Accepts), totals.GetProperty("acceptingVisitors").GetInt64());
            Assert.Equal(mine.Count(s => s.Accepts) * 1999L, totals.GetProperty("revenueMinor").GetInt64());
            Assert.Equal(mine.Count(s => s.Accepts) / (double)mine.Count, totals.GetProperty("acceptanceRate").GetDouble(), 12);
        }

        var acceptance = report.GetProperty("comparisons").EnumerateArray().Single(c => c.GetProperty("metric").GetString() == "acceptance-rate");
        Assert.True(acceptance.GetProperty("alwaysValidInterval").GetProperty("low").GetDouble() > 0);
        Assert.True(acceptance.GetProperty("chanceToBeatControl").GetDouble() > 0.999);
        Assert.Equal(shoppers.Count(s => !s.HeldOut), report.GetProperty("daily")[0].GetProperty("visitors").EnumerateObject().Sum(p => p.Value.GetInt64()));
    }

    [Trait("Category", "Simulation")]
    [Fact]
    public async Task Revenue_per_visitor_is_adjusted_for_the_visitors_earlier_orders_beside_the_carts_value()
    {
        // Returning shoppers take the offer more often; their carts' value explains a little more.
        static long CartValue(int i) => 8_000 + 53 * (i % 37) + (i % 10 == 0 ? 2_000 : 0);
        static int EarlierOrders(int i) => i % 10 < 3 ? 3 + i % 4 : i % 7 == 0 ? 1 : 0;
        var shoppers = await App.SeedAsync(300, (i, variant) => EarlierOrders(i) > 2 || (variant != "control" && i % 10 == 9), cartValue: CartValue, earlierOrders: EarlierOrders);
        App.Clock.Advance(TimeSpan.FromDays(1));

        var report = (await App.GetAsync("experiments", key: Reports.Experiment)).Json;

        var revenue = report.GetProperty("comparisons").EnumerateArray().Single(c => c.GetProperty("metric").GetString() == "revenue-per-visitor");
        var cuped = revenue.GetProperty("cuped");
        // The same regression worked out shopper by shopper: revenue on (cart, earlier orders) within the arms, pooled.
        var arms = shoppers.Where(s => !s.HeldOut).GroupBy(s => s.Variant).ToDictionary(g => g.Key, g => g.Select(s => (X: new[] { CartValue(s.Index), (double)EarlierOrders(s.Index) }, Y: s.Accepts ? 1999.0 : 0)).ToList());
        double[,] xx = new double[2, 2];
        double[] xy = new double[2];
        foreach (var arm in arms.Values)
        {
            var (mx, my) = (new[] { arm.Average(v => v.X[0]), arm.Average(v => v.X[1]) }, arm.Average(v => v.Y));
            foreach (var v in arm)
            {
                for (var a = 0; a < 2; a++)
                {
                    xy[a] += (v.X[a] - mx[a]) * (v.Y - my);
                    for (var b = 0; b < 2; b++)
                    {
                        xx[a, b] += (v.X[a] - mx[a]) * (v.X[b] - mx[b]);
                    }
                }
            }
        }

        var determinant = xx[0, 0] * xx[1, 1] - xx[0, 1] * xx[1, 0];
        var theta = new[] { (xx[1, 1] * xy[0] - xx[0, 1] * xy[1]) / determinant, (xx[0, 0] * xy[1] - xx[1, 0] * xy[0]) / determinant };
        double Adjusted(string arm) => arms[arm].Average(v => v.Y - theta[0] * v.X[0] - theta[1] * v.X[1]);
        Assert.Equal(theta[0], cuped.GetProperty("theta").GetDouble(), 1e-9);
        Assert.Equal(theta[1], cuped.GetProperty("earlierOrdersTheta").GetDouble(), 1e-6);
        Assert.Equal(Adjusted("discounted") - Adjusted("control"), cuped.GetProperty("difference").GetDouble(), 1e-6);
        Assert.True(cuped.GetProperty("varianceRemoved").GetDouble() > 0.3, cuped.ToString());
    }

    [Trait("Category", "Simulation")]
    [Fact]
    public async Task Revenue_per_visitor_is_shown_adjusted_for_the_carts_value_beside_the_raw_figures()
    {
        // Shoppers with fuller carts take the offer more often, so the cart's value at the offer explains revenue.
        static long CartValue(int i) => (i % 10 == 0 ? 14_000 : 8_000) + 53 * (i % 37);
        var shoppers = await App.SeedAsync(600, (i, variant) => i % 10 < (variant == "control" ? 1 : 2), cartValue: CartValue);
        App.Clock.Advance(TimeSpan.FromDays(1));

        var report = (await App.GetAsync("experiments", key: Reports.Experiment)).Json;

        var revenue = report.GetProperty("comparisons").EnumerateArray().Single(c => c.GetProperty("metric").GetString() == "revenue-per-visitor");
        var cuped = revenue.GetProperty("cuped");
        // The same adjustment worked out shopper by shopper: revenue less θ times the cart's value, θ the slope within the arms.
        var arms = shoppers.Where(s => !s.HeldOut).GroupBy(s => s.Variant).ToDictionary(g => g.Key, g => g.Select(s => (X: (double)CartValue(s.Index), Y: s.Accepts ? 1999.0 : 0)).ToList());
        double Centred(List<(double X, double Y)> arm, Func<(double X, double Y), double> a, Func<(double X, double Y), double> b) =>
            arm.Sum(v => (a(v) - arm.Average(a)) * (b(v) - arm.Average(b)));
        var (control, treated) = (arms["control"], arms["discounted"]);
        var theta = (Centred(control, v => v.X, v => v.Y) + Centred(treated, v => v.X, v => v.Y)) / (Centred(control, v => v.X, v => v.X) + Centred(treated, v => v.X, v => v.X));
        var adjusted = treated.Average(v => v.Y - theta * v.X) - control.Average(v => v.Y - theta * v.X);
        Assert.Equal(theta, cuped.GetProperty("theta").GetDouble(), 1e-9);
        Assert.Equal(adjusted, cuped.GetProperty("difference").GetDouble(), 1e-6);
        Assert.Equal(adjusted / control.Average(v => v.Y), cuped.GetProperty("relativeLift").GetDouble(), 1e-9);
        Assert.True(cuped.GetProperty("varianceRemoved").GetDouble() > 0.2, cuped.ToString());
        var (raw, narrowed) = (revenue.GetProperty("interval"), cuped.GetProperty("interval"));
        Assert.True(narrowed.GetProperty("high").GetDouble() - narrowed.GetProperty("low").GetDouble() < raw.GetProperty("high").GetDouble() - raw.GetProperty("low").GetDouble());
        // One day into the phase the design has spent no alpha yet, so the always-valid interval is still unbounded.
        Assert.Equal(JsonValueKind.Object, cuped.GetProperty("alwaysValidInterval").ValueKind);
        Assert.False(report.GetProperty("comparisons").EnumerateArray().Single(c => c.GetProperty("metric").GetString() == "acceptance-rate").TryGetProperty("cuped", out _));
    }

    [Trait("Category", "Simulation")]
    [Fact]
    public async Task A_winner_that_costs_checkouts_is_refused_by_the_guardrail_and_one_that_does_not_is_shipped()
    {
        // Two weeks in: the discounted card triples acceptance, but only those who take it still order, where eight in
        // ten of control's visitors do.
        App.Clock.Advance(TimeSpan.FromDays(13));
        var shoppers = await App.SeedAsync(600, (i, variant) => i % 10 < (variant == "control" ? 1 : 3), orders: (i, variant) => variant == "control" && i % 10 < 8);
        App.Clock.Advance(TimeSpan.FromDays(1));

        var report = (await App.GetAsync("experiments", key: Reports.Experiment)).Json;

        Assert.Equal("variant-wins", report.GetProperty("verdict").GetProperty("kind").GetString());
        Assert.EndsWith("Do not ship it.", report.GetProperty("verdict").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Not shipped: variant discounted lowers checkout completion by more than 1%", report.GetProperty("shipRefusal").GetString(), StringComparison.Ordinal);
        var guardrail = Assert.Single(report.GetProperty("guardrail").EnumerateArray());
        Assert.Equal(14, guardrail.GetProperty("refusedOnDay").GetInt32());
        Reports.AssertCompletionOf(shoppers, guardrail);
    }

    [Trait("Category", "Simulation")]
    [Fact]
    public async Task A_lift_against_a_control_that_earned_nothing_is_null_with_the_reason_not_zero()
    {
        await App.SeedAsync(200, (i, variant) => variant != "control" && i % 4 == 0);

        var report = (await App.GetAsync("experiments", key: Reports.Experiment)).Json;
        var holdout = (await App.GetAsync("holdout", "?from=2026-11-24&to=2026-11-24")).Json;

        foreach (var comparison in report.GetProperty("comparisons").EnumerateArray())
        {
            Assert.Equal(0, comparison.GetProperty("control").GetDouble());
            Assert.True(comparison.GetProperty("difference").GetDouble() > 0);
            Assert.Equal(JsonValueKind.Null, comparison.GetProperty("relativeLift").ValueKind);
            Assert.Equal(JsonValueKind.Null, comparison.GetProperty("relativeInterval").ValueKind);
            Assert.StartsWith("no baseline yet", comparison.GetProperty("relativeLiftNote").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal("EUR", holdout.GetProperty("currency").GetString());
    }

    [Trait("Category", "Simulation")]
    [Fact]
    public async Task Lost_impressions_in_one_arm_flag_a_sample_ratio_mismatch_instead_of_a_winner()
    {
        // Half the treated arm's impressions lost: the test's holdout salt is random, so the arms' sizes vary from run to
        // run, and a loss of 30% left the sequential test's evidence near its threshold on some draws.
        await App.SeedAsync(1200, (i, variant) => i % 10 < (variant == "control" ? 1 : 3), dropImpression: (i, variant) => variant == "discounted" && i % 10 >= 5);
        App.Clock.Advance(TimeSpan.FromDays(1));

        var report = (await App.GetAsync("experiments", key: Reports.Experiment)).Json;

        Assert.True(report.GetProperty("sampleRatio").GetProperty("mismatch").GetBoolean());
        Assert.True(report.GetProperty("sampleRatio").GetProperty("pValue").GetDouble() < 0.001);
        Assert.Equal("sample-ratio-mismatch", report.GetProperty("verdict").GetProperty("kind").GetString());
        Assert.Contains("What the data show on acceptance rate: variant discounted +", report.GetProperty("verdict").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Trait("Category", "Simulation")]
    [Fact]
    public async Task A_young_experiment_is_told_to_keep_running_with_the_visitors_still_needed()
    {
        await App.SeedAsync(120, (i, variant) => i % 10 < (variant == "control" ? 1 : 2));
        App.Clock.Advance(TimeSpan.FromDays(1));

        var report = (await App.GetAsync("experiments", key: Reports.Experiment)).Json;

        Assert.Equal("keep-running", report.GetProperty("verdict").GetProperty("kind").GetString());
        Assert.Matches(@"^Keep running: variant discounted is (ahead|level so far) on acceptance rate, \+[\d.]+% \(95% interval [+-]\d+% to \+\d+%\)( but not yet proven: [^.]+)?\. 1 of the 28 planned days judged; the verdict is taken at the end of each day\. (About [\d,]+ more visitors per arm are needed to find a 10% change in acceptance rate|If a \+\d+% change holds, [^.]+)\.$", report.GetProperty("verdict").GetProperty("text").GetString());
        var acceptance = report.GetProperty("comparisons").EnumerateArray().Single(c => c.GetProperty("metric").GetString() == "acceptance-rate");
        Assert.True(acceptance.GetProperty("sampleSizeRemaining").GetInt64() > 0);
    }

    [Trait("Category", "Simulation")]
    [Fact]
    public async Task The_experiment_list_carries_each_verdict_and_an_unknown_phase_or_experiment_is_refused()
    {
        await App.SeedAsync(120, (i, variant) => i % 10 < (variant == "control" ? 1 : 3));

        var list = (await App.GetAsync("experiments")).Json;
        var badPhase = await App.GetAsync("experiments", "?phase=7", Reports.Experiment);
        var unknown = await App.GetAsync("experiments", key: "no-such-test");

        Assert.Equal(["cart-sd-card-price", "shipping-express-copy"], list.EnumerateArray().Select(e => e.GetProperty("key").GetString()).Order());
        var cart = list.EnumerateArray().Single(e => e.GetProperty("key").GetString() == Reports.Experiment);
        Assert.Equal("keep-running", cart.GetProperty("verdict").GetProperty("kind").GetString());
        Assert.Equal("discounted", cart.GetProperty("best").GetProperty("variant").GetString());
        Assert.Equal(400, badPhase.Status);
        Assert.Equal(["phase"], badPhase.ProblemFields);
        Assert.Equal(404, unknown.Status);
    }

    [Trait("Category", "Simulation")]
    [Fact]
    public async Task A_new_phase_is_reported_on_its_own_and_earlier_phases_stay_readable()
    {
        var first = await App.SeedAsync(200, (i, _) => i % 10 == 0);
        var admin = App.Get<CatalogAdmin>();
        var stored = (await admin.GetExperimentAsync(Reports.Experiment, default))!.Document;
        await admin.SaveExperimentAsync(stored with { Variants = [stored.Variants![0] with { Weight = 0.2 }, stored.Variants[1] with { Weight = 0.8 }] }, create: false, null, default);
        var second = await App.SeedAsync(100, (i, _) => i % 10 == 0, prefix: "p2-");

        var current = (await App.GetAsync("experiments", key: Reports.Experiment)).Json;
        var earlier = (await App.GetAsync("experiments", "?phase=1", Reports.Experiment)).Json;

        Assert.Equal(2, current.GetProperty("phase").GetInt32());
        Assert.Equal(second.Count(s => !s.HeldOut), current.GetProperty("arms").EnumerateArray().Sum(a => a.GetProperty("totals").GetProperty("visitors").GetInt64()));
        Assert.Equal(0.8, current.GetProperty("arms")[1].GetProperty("weight").GetDouble());
        Assert.Equal(first.Count(s => !s.HeldOut), earlier.GetProperty("arms").EnumerateArray().Sum(a => a.GetProperty("totals").GetProperty("visitors").GetInt64()));
        Assert.Equal(0.5, earlier.GetProperty("arms")[1].GetProperty("weight").GetDouble());
        Assert.Equal(2, current.GetProperty("phases").GetArrayLength());
    }

    [Trait("Category", "Simulation")]
    [Fact]
    public async Task The_moment_report_breaks_the_funnel_down_by_device_and_country_over_the_range()
    {
        var shoppers = (await App.SeedAsync(400, (i, _) => i % 4 == 1)).Where(s => !s.HeldOut).ToList();

        var byDevice = (await App.GetAsync("moments", "?by=device&from=2026-11-01&to=2026-11-24")).Json;
        var byCountry = (await App.GetAsync("moments", "?moment=cart&by=country&from=2026-11-24&to=2026-11-24")).Json;
        var before = (await App.GetAsync("moments", "?moment=cart&from=2026-10-01&to=2026-11-23")).Json;
        var badRange = await App.GetAsync("moments", "?from=2026-11-24&to=2026-11-01");

        var cart = byDevice.GetProperty("moments").EnumerateArray().Single(m => m.GetProperty("moment").GetString() == "cart");
        Assert.Equal(shoppers.Count, cart.GetProperty("totals").GetProperty("impressions").GetInt64());
        Assert.Equal(shoppers.Count(s => s.Accepts), cart.GetProperty("totals").GetProperty("accepts").GetInt64());
        var mobile = cart.GetProperty("segments").EnumerateArray().Single(s => s.GetProperty("value").GetString() == "mobile");
        Assert.Equal(shoppers.Count(s => s.Segment.Device == Device.Mobile), mobile.GetProperty("totals").GetProperty("visitors").GetInt64());
        var france = byCountry.GetProperty("moments")[0].GetProperty("segments").EnumerateArray().Single(s => s.GetProperty("value").GetString() == "FR");
        Assert.Equal(shoppers.Count(s => s.Segment.Country == "FR"), france.GetProperty("totals").GetProperty("visitors").GetInt64());
        Assert.Equal(0, before.GetProperty("moments")[0].GetProperty("totals").GetProperty("visitors").GetInt64());
        Assert.Equal(400, badRange.Status);
    }

    [Trait("Category", "Simulation")]
    [Fact]
    public async Task The_holdout_view_compares_treated_and_held_out_order_value_per_visitor()
    {
        var shoppers = await App.SeedAsync(600, (i, _) => i % 10 < 2);

        var report = (await App.GetAsync("holdout", "?from=2026-11-24&to=2026-11-24")).Json;

        foreach (var scope in new[] { "all", "cart" })
        {
            var view = report.GetProperty("scopes").EnumerateArray().Single(s => s.GetProperty("scope").GetString() == scope);
            foreach (var (arm, heldOut) in new[] { ("treated", false), ("holdout", true) })
            {
                var mine = shoppers.Where(s => s.HeldOut == heldOut).ToList();
                Assert.True(mine.Any(s => s.Orders), $"{arm}: {mine.Count} visitors, none ordering");
                var revenue = mine.Where(s => s.Orders).Sum(s => Reports.BaseOrder + (s.Accepts ? 1999 : 0));
                var totals = view.GetProperty(arm);
                Assert.Equal(mine.Count, totals.GetProperty("visitors").GetInt64());
                Assert.Equal(revenue, totals.GetProperty("revenueMinor").GetInt64());
                Assert.Equal(revenue / (double)mine.Count, totals.GetProperty("revenuePerVisitor").GetDouble(), 9);
                Assert.Equal(revenue / (double)mine.Count(s => s.Orders), totals.GetProperty("averageOrderValue").GetDouble(), 9);
            }

            // Coverage: every order, and those whose shopper was shown an offer (the treated ones: their impressions).
            Assert.Equal(shoppers.Count(s => s.Orders), view.GetProperty("orders").GetInt64());
            Assert.Equal(shoppers.Count(s => s.Orders && !s.HeldOut), view.GetProperty("ordersShownAnOffer").GetInt64());
            Assert.Equal(shoppers.Count(s => s.Orders && !s.HeldOut) / (double)shoppers.Count(s => s.Orders), view.GetProperty("coverage").GetDouble(), 12);
        }

        var payment = report.GetProperty("scopes").EnumerateArray().Single(s => s.GetProperty("scope").GetString() == "payment");
        Assert.Equal(0, payment.GetProperty("treated").GetProperty("revenueMinor").GetInt64());
        Assert.Equal(0, payment.GetProperty("ordersShownAnOffer").GetInt64());
        Assert.Equal(10.0, report.GetProperty("holdoutPercent").GetDouble());
    }

    [Fact]
    public async Task Each_offer_request_queues_an_exposure_of_the_visitors_arm()
    {
        var visitors = Enumerable.Range(0, 100).Select(i => $"exposed-{i}").ToList();
        foreach (var visitor in visitors)
        {
            var request = Http.Json(new
            {
                sessionId = $"s-{visitor}",
                visitorId = visitor,
                cart = new[] { new { sku = "CAM-X100", category = "cameras", unitPrice = 89900, quantity = 1, currency = "EUR" } },
                device = "mobile",
                country = "NL",
                locale = "en",
            });
            await ActivatorUtilities.CreateInstance<DecideOffersFunction>(App.Services).DecideOffers(request, "cart", default);
        }

        var messages = await App.EventMessagesAsync();
        var exposures = messages.SelectMany(m => JsonSerializer.Deserialize(m.Body, QueueJson.Default.EventMessage)!.Exposures ?? []).ToList();

        Assert.Equal(visitors.Order(), exposures.Select(x => x.VisitorId).Order());
        Assert.All(exposures, x => Assert.Equal("cart", x.Moment));
        var engine = App.Get<Domain.Decisions.OfferEngine>();
        Assert.All(exposures, x => Assert.Equal(engine.IsHeldOut(x.VisitorId), x.HeldOut));
        Assert.Contains(exposures, x => x.HeldOut);
    }
}
