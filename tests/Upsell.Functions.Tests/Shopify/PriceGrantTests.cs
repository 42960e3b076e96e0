using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Application.Catalog;
using Upsell.Domain.Money;
using Upsell.Functions.Offers;
using Upsell.Infrastructure.Shops;
using Upsell.Tests;

namespace Upsell.Functions.Tests.Shopify;

/// <summary>
/// Inside Shopify's checkout an offer below the product's own price carries the price the app's discount Function
/// charges, signed with a key only the Function holds; the storefront's anonymous answers carry none. The signed
/// cases the Function's own tests verify (contracts/shopify/price-grant-cases.json) are what this code signs.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class PriceGrantTests(Azurite azurite) : IAsyncLifetime
{
    private const string DiscountKey = "contract-fixture-discount-key-0123456789abcdef";

    private readonly TestApp _app = new(azurite, new Dictionary<string, string?>
    {
        ["Upsell:Shopify:ClientId"] = ShopifyTokens.ClientId,
        ["Upsell:Shopify:DiscountKey"] = DiscountKey,
    });

    public async Task InitializeAsync() => await DemoCatalogSeeder.SeedAsync(_app.Get<CatalogAdmin>(), default);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_checkout_extensions_request_is_answered_with_a_signed_price_for_an_offer_below_its_own_price_and_none_at_its_own_price()
    {
        var offers = (await DecideAsync(sessionToken: true)).Json.GetProperty("offers").EnumerateArray().ToList();

        var card = offers.Single(o => o.GetProperty("offerId").GetString() == "cam-sd-card");
        var grant = card.GetProperty("priceGrant").GetString()!;
        var parts = grant.Split('.');
        Assert.Equal("p1", parts[0]);
        Assert.Equal("44012345678900|24.99|EUR|" + _app.Clock.GetUtcNow().UtcDateTime.Date.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])));
        Assert.Equal(HMACSHA256.HashData(Encoding.UTF8.GetBytes(DiscountKey), Encoding.UTF8.GetBytes($"p1.{parts[1]}")), Base64Url.DecodeFromChars(parts[2]));
        Assert.All(offers.Where(o => !o.TryGetProperty("saving", out _)), o => Assert.False(o.TryGetProperty("priceGrant", out _)));
    }

    [Fact]
    public async Task The_storefronts_anonymous_answer_carries_no_price_grant()
    {
        var offers = (await DecideAsync(sessionToken: false)).Json.GetProperty("offers").EnumerateArray();

        Assert.All(offers, o => Assert.False(o.TryGetProperty("priceGrant", out _)));
    }

    [Fact]
    public void The_cases_the_discount_Functions_tests_verify_are_what_this_code_signs()
    {
        var cases = Contracts.Node(Contracts.Shopify("price-grant-cases.json"));
        var at = DateTimeOffset.Parse((string)cases["signedAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        var grants = new ShopifyPriceGrants(Microsoft.Extensions.Options.Options.Create(new Infrastructure.Connectors.ShopifyOptions { DiscountKey = (string)cases["key"]! }), new TestClock(at));

        foreach (var grant in cases["grants"]!.AsArray().Select(g => g!.AsObject()))
        {
            var price = new Money((long)grant["priceMinor"]!, (string)grant["currency"]!);
            Assert.Equal((string?)grant["grant"], grants.For((string)grant["variant"]!, price, new Money((long)grant["ownPriceMinor"]!, price.Currency)));
        }
    }

    [Fact]
    public void There_is_no_grant_without_a_key_for_an_offer_at_its_own_price_or_for_a_product_Shopify_cannot_name()
    {
        static ShopifyPriceGrants With(string key) => new(Microsoft.Extensions.Options.Options.Create(new Infrastructure.Connectors.ShopifyOptions { DiscountKey = key }), TimeProvider.System);

        Assert.Null(With(string.Empty).For("44012345678900", Money.Euros(2499), Money.Euros(2999)));
        Assert.Null(With(DiscountKey).For("44012345678900", Money.Euros(2999), Money.Euros(2999)));
        Assert.Null(With(DiscountKey).For("44012345678900", Money.Euros(2499), null));
        Assert.Null(With(DiscountKey).For("SD-128", Money.Euros(2499), Money.Euros(2999)));
        Assert.Equal("500", DecimalAmount.Text(new Money(500, "JPY")));
        Assert.Equal("0.50", DecimalAmount.Text(Money.Euros(50)));
    }

    private async Task<Http.Response> DecideAsync(bool sessionToken)
    {
        // The checkout extension's own request (its tests send exactly this), or the storefront's.
        var body = File.ReadAllText(sessionToken ? Contracts.Shopify("checkout-offer-request.json") : Path.Combine(Azurite.RepositoryRoot(), "contracts", "api", "offer-request.json"));
        var request = Http.Request("POST", body, sessionToken ? new Dictionary<string, string> { ["Authorization"] = "Bearer " + SessionToken() } : null);
        var response = await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<DecideOffersFunction>(_app.Services).DecideOffers(request, "cart", default));
        Assert.Equal(200, response.Status);
        Contracts.AssertSameShape(Contracts.Json(Path.Combine(Azurite.RepositoryRoot(), "contracts", "api", "offer-response.json")), response.Json, "$");
        return response;
    }

    private string SessionToken() => ShopifyTokens.Session(_app);
}
