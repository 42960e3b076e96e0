using Microsoft.Extensions.DependencyInjection;
using Upsell.Application.Catalog;
using Upsell.Functions.Catalog;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

[Collection(UsesAzurite.Name)]
public sealed class AdminFunctionTests(Azurite azurite) : AzuriteTest(azurite)
{
    private const string Bag = """
        {"id":"cam-bag","kind":"accessory","sku":"BAG-1","price":{"amount":3999},"moments":["cart"],
         "copy":{"en":{"headline":"A padded bag","callToAction":"Add","declineText":"No thanks"}}}
        """;

    private ManageCatalogFunctions Offers => ActivatorUtilities.CreateInstance<ManageCatalogFunctions>(App.Services);
    private ManageCatalogFunctions Experiments => ActivatorUtilities.CreateInstance<ManageCatalogFunctions>(App.Services);

    [Fact]
    public async Task An_offer_is_created_read_listed_replaced_and_deleted()
    {
        var created = await SendAsync(Http.Request("POST", Bag), r => Offers.CreateOffer(r, default));
        var duplicate = await SendAsync(Http.Request("POST", Bag), r => Offers.CreateOffer(r, default));
        var read = await SendAsync(Http.Request("GET"), r => Offers.GetOffer(r, "cam-bag", default));
        var listed = await SendAsync(Http.Request("GET"), r => Offers.ListOffers(r, default));
        var replaced = await SendAsync(
            Http.Request("PUT", Bag.Replace("3999", "2999", StringComparison.Ordinal), new Dictionary<string, string> { ["If-Match"] = read.Headers.ETag! }),
            r => Offers.ReplaceOffer(r, "cam-bag", default));
        var stale = await SendAsync(
            Http.Request("PUT", Bag, new Dictionary<string, string> { ["If-Match"] = read.Headers.ETag! }),
            r => Offers.ReplaceOffer(r, "cam-bag", default));
        var deleted = await SendAsync(Http.Request("DELETE"), r => Offers.DeleteOffer(r, "cam-bag", default));
        var gone = await SendAsync(Http.Request("GET"), r => Offers.GetOffer(r, "cam-bag", default));

        Assert.Equal((201, "/api/manage/offers/cam-bag"), (created.Status, created.Headers.Location.ToString()));
        Assert.Equal(409, duplicate.Status);
        Assert.Equal("EUR", read.Json.GetProperty("price").GetProperty("currency").GetString());
        Assert.Equal(1, listed.Json.GetArrayLength());
        Assert.Equal((200, 2999), (replaced.Status, replaced.Json.GetProperty("price").GetProperty("amount").GetInt32()));
        Assert.Equal(412, stale.Status);
        Assert.Equal(204, deleted.Status);
        Assert.Equal(404, gone.Status);
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("W/\"datetime'not-a-date'\"")]
    [InlineData("garbage without quotes")]
    [InlineData("W/\"d\u00e9j\u00e0-vu\"")] // no ETag of storage holds a character past ASCII, and a header to it could not carry one
    public async Task A_malformed_If_Match_is_a_412_naming_it_and_changes_nothing(string ifMatch)
    {
        await SendAsync(Http.Request("POST", Bag), r => Offers.CreateOffer(r, default));
        await SendAsync(Http.Request("POST", """{"key":"bag-price","moment":"cart","subjectOfferId":"cam-bag","status":"running","variants":[{"key":"control","weight":0.5},{"key":"b","weight":0.5,"priceMinor":2999}]}"""), r => Experiments.CreateExperiment(r, default));
        var header = new Dictionary<string, string> { ["If-Match"] = ifMatch };

        var put = await SendAsync(Http.Request("PUT", Bag.Replace("3999", "2999", StringComparison.Ordinal), header), r => Offers.ReplaceOffer(r, "cam-bag", default));
        var delete = await SendAsync(Http.Request("DELETE", null, header), r => Experiments.DeleteExperiment(r, "bag-price", default));
        var offer = await SendAsync(Http.Request("GET"), r => Offers.GetOffer(r, "cam-bag", default));
        var experiment = await SendAsync(Http.Request("GET"), r => Experiments.GetExperiment(r, "bag-price", default));

        Assert.Equal((412, 412), (put.Status, delete.Status));
        Assert.Equal(["If-Match"], put.ProblemFields);
        Assert.StartsWith("application/problem+json", delete.ContentType);
        Assert.Equal(3999, offer.Json.GetProperty("price").GetProperty("amount").GetInt32());
        Assert.Equal(200, experiment.Status);
    }

    [Theory]
    [InlineData("""{"id":"x","kind":"gadget","price":{"amount":1},"moments":["cart"],"copy":{"en":{"headline":"h","callToAction":"c","declineText":"d"}}}""", "kind")]
    [InlineData("""{"id":"x","kind":"bundle","price":{"amount":-5},"moments":["cart"],"copy":{"en":{"headline":"h","callToAction":"c","declineText":"d"}}}""", "price.amount")]
    [InlineData("""{"id":"x","kind":"bundle","price":{"amount":5},"moments":["cart"],"copy":{"en":{"headline":"h","callToAction":"c"}}}""", "copy.en.declineText")]
    [InlineData("""{"id":"x","kind":"bundle","price":{"amount":5},"moments":["cart"],"colour":"red"}""", "colour")]
    [InlineData("""{"id":"x","kind":"bundle","price":{"amount":500},"imageUrl":"http://cdn.example.com/x.png","moments":["cart"],"copy":{"en":{"headline":"h","callToAction":"c","declineText":"d"}}}""", "imageUrl")]
    [InlineData("""{"id":"x","kind":"bundle","price":{"amount":500},"compareAtPrice":{"amount":500},"moments":["cart"],"copy":{"en":{"headline":"h","callToAction":"c","declineText":"d"}}}""", "compareAtPrice.amount")]
    [InlineData("""{"id":"x","kind":"bundle","price":{"amount":500,"currency":"EUR"},"compareAtPrice":{"amount":900,"currency":"USD"},"moments":["cart"],"copy":{"en":{"headline":"h","callToAction":"c","declineText":"d"}}}""", "compareAtPrice.currency")]
    [InlineData("""{"id":"x","kind":"bundle","price":{"amount":500},"externalId":"","moments":["cart"],"copy":{"en":{"headline":"h","callToAction":"c","declineText":"d"}}}""", "externalId")]
    public async Task An_invalid_offer_is_a_400_naming_the_field_and_is_not_stored(string body, string field)
    {
        var response = await SendAsync(Http.Request("POST", body), r => Offers.CreateOffer(r, default));
        var listed = await SendAsync(Http.Request("GET"), r => Offers.ListOffers(r, default));

        Assert.Equal(400, response.Status);
        Assert.Contains(field, response.ProblemFields);
        Assert.Equal(0, listed.Json.GetArrayLength());
    }

    [Fact]
    public async Task A_product_card_offer_is_stored_with_its_image_platform_id_and_compare_at_price()
    {
        var card = Bag.Replace("\"sku\":\"BAG-1\",", "\"sku\":\"BAG-1\",\"externalId\":\"44012345678901\",\"imageUrl\":\"https://cdn.shopify.com/s/files/bag.png\",\"compareAtPrice\":{\"amount\":4999},", StringComparison.Ordinal);

        var created = await SendAsync(Http.Request("POST", card), r => Offers.CreateOffer(r, default));
        var read = await SendAsync(Http.Request("GET"), r => Offers.GetOffer(r, "cam-bag", default));

        Assert.Equal(201, created.Status);
        Assert.Equal(("44012345678901", "https://cdn.shopify.com/s/files/bag.png", 4999, "EUR"),
            (read.Json.GetProperty("externalId").GetString(), read.Json.GetProperty("imageUrl").GetString(),
             read.Json.GetProperty("compareAtPrice").GetProperty("amount").GetInt32(), read.Json.GetProperty("compareAtPrice").GetProperty("currency").GetString()));
    }

    [Fact]
    public async Task An_experiment_arm_with_an_http_image_is_refused_naming_it()
    {
        await SendAsync(Http.Request("POST", Bag), r => Offers.CreateOffer(r, default));

        var refused = await SendAsync(
            Http.Request("POST", """{"key":"bag-image","moment":"cart","subjectOfferId":"cam-bag","status":"running","variants":[{"key":"control","weight":0.5},{"key":"photo","weight":0.5,"imageUrl":"http://cdn.example.com/bag.jpg"}]}"""),
            r => Experiments.CreateExperiment(r, default));

        Assert.Equal(400, refused.Status);
        Assert.Equal(["variants[1].imageUrl"], refused.ProblemFields);
    }

    [Fact]
    public async Task An_experiment_on_a_missing_offer_is_refused_and_one_on_a_stored_offer_is_created()
    {
        const string experiment = """
            {"key":"bag-price","moment":"cart","subjectOfferId":"cam-bag","status":"running",
             "variants":[{"key":"control","weight":0.5},{"key":"cheaper","weight":0.5,"priceMinor":2999}]}
            """;

        var refused = await SendAsync(Http.Request("POST", experiment), r => Experiments.CreateExperiment(r, default));
        await SendAsync(Http.Request("POST", Bag), r => Offers.CreateOffer(r, default));
        var created = await SendAsync(Http.Request("POST", experiment), r => Experiments.CreateExperiment(r, default));

        Assert.Equal(400, refused.Status);
        Assert.Contains("subjectOfferId", refused.ProblemFields);
        Assert.Equal(201, created.Status);
        Assert.Equal(1, created.Json.GetProperty("phase").GetInt32());
    }

    [Fact]
    public async Task Shipping_a_variant_makes_it_the_offer_every_shopper_gets_and_ends_the_split()
    {
        await DemoCatalogSeeder.SeedAsync(App.Get<CatalogAdmin>(), default);
        var experiment = await SendAsync(Http.Request("GET"), r => Experiments.GetExperiment(r, "cart-sd-card-price", default));
        var discounted = experiment.Json.GetProperty("variants")[1];
        var shipped = System.Text.Json.Nodes.JsonNode.Parse(experiment.Body)!;
        shipped["status"] = "shipped";
        shipped["decision"] = new System.Text.Json.Nodes.JsonObject { ["variant"] = "discounted", ["reason"] = "Variant wins: +12% acceptance." };

        var response = await SendAsync(Http.Request("PUT", shipped.ToJsonString(), new Dictionary<string, string> { ["If-Match"] = experiment.Headers.ETag! }),
            r => Experiments.ReplaceExperiment(r, "cart-sd-card-price", default));
        var offer = await SendAsync(Http.Request("GET"), r => Offers.GetOffer(r, "cam-sd-card", default));
        var answers = new List<System.Text.Json.JsonElement>();
        for (var i = 0; i < 20; i++)
        {
            var request = Http.Json(new { sessionId = $"s-{i}", visitorId = $"v-{i}", device = "desktop", locale = "en-US", cart = new[] { new { sku = "CAM-X100", category = "cameras", unitPrice = 89900, quantity = 1, currency = "EUR" } } });
            var decided = await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<Offers.DecideOffersFunction>(App.Services).DecideOffers(request, "cart", default));
            answers.Add(decided.Json.GetProperty("offers").EnumerateArray().Single(o => o.GetProperty("offerId").GetString() == "cam-sd-card").Clone());
        }

        Assert.True(response.Status == 200, response.Body);
        Assert.Equal(discounted.GetProperty("priceMinor").GetInt64(), offer.Json.GetProperty("price").GetProperty("amount").GetInt64());
        var headline = discounted.GetProperty("copy").GetProperty("en").GetProperty("headline").GetString();
        Assert.All(answers, a =>
        {
            Assert.Equal(headline, a.GetProperty("headline").GetString());
            Assert.Equal(discounted.GetProperty("priceMinor").GetInt64(), a.GetProperty("price").GetProperty("amount").GetInt64());
            Assert.False(a.TryGetProperty("experiment", out _), "a shipped experiment still assigns visitors");
        });
    }

    private static async Task<Http.Response> SendAsync(Microsoft.AspNetCore.Http.HttpRequest request, Func<Microsoft.AspNetCore.Http.HttpRequest, Task<Microsoft.AspNetCore.Mvc.IActionResult>> function) =>
        await Http.ExecuteAsync(request, await function(request));
}
