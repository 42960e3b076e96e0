using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Upsell.Application.Catalog;
using Upsell.Functions.Http;
using Upsell.Functions.Offers;
using Upsell.Functions.Shopify;
using Upsell.Tests;

namespace Upsell.Functions.Tests.Shopify;

/// <summary>
/// Shopify's one-click page after the payment, against the real functions on Azurite: the page's token is verified
/// as Shopify signs it; the offer comes from what the token says was bought; the changeset that adds it is signed as
/// Shopify's JWT specification says, and only for an offer decided for that very order and shopper. The requests
/// and answers are the contract fixtures the extension's own tests answer it with (contracts/shopify/).
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class PostPurchaseTests(Azurite azurite) : IAsyncLifetime
{
    private const string ClientId = ShopifyTokens.ClientId;

    private readonly TestApp _app = new(azurite, new Dictionary<string, string?> { ["Upsell:Shopify:ClientId"] = ClientId });

    private string Secret => ShopifyTokens.SecretOf(_app);

    public async Task InitializeAsync() => await SeedAsync(_app);

    // The demo catalog and an offer for the fixture's purchase, which targets its variant id.
    private static async Task SeedAsync(TestApp app)
    {
        await DemoCatalogSeeder.SeedAsync(app.Get<CatalogAdmin>(), default);
        var hood = JsonBody.Parse(File.ReadAllBytes(Contracts.Shopify("x100-lens-hood-offer.json")), ApiJson.Default.OfferDocument).Value!;
        Assert.False((await app.Get<CatalogAdmin>().SaveOfferAsync(hood, create: false, ifMatch: null, default)).IsInvalid);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_page_gets_the_one_offer_for_what_was_bought_in_the_fixture_shape()
    {
        var response = await OfferAsync("Bearer " + InputToken());

        Assert.Equal(200, response.Status);
        Contracts.AssertSameShape(Contracts.Json(Contracts.Shopify("post-purchase-offer-response.json")), response.Json, "$");
        Assert.Equal("x100-lens-hood", response.Json.GetProperty("offerId").GetString());
        Assert.Equal("44012345678931", response.Json.GetProperty("externalId").GetString());
        Assert.Equal(500, response.Json.GetProperty("saving").GetProperty("amount").GetInt64());
        Assert.False(response.Json.TryGetProperty("priceGrant", out _), "the changeset carries the discount itself");
        // One offer per order: a reload of the page is the same prompt of the same session, with the same offer.
        var again = await OfferAsync("Bearer " + InputToken());
        Assert.Equal("x100-lens-hood", again.Json.GetProperty("offerId").GetString());
    }

    [Fact]
    public async Task Accepting_signs_exactly_the_changeset_of_Shopifys_specification_with_the_catalogs_product_and_discount()
    {
        var offer = (await OfferAsync("Bearer " + InputToken())).Json;

        var response = await SignAsync("Bearer " + InputToken(), offer.GetProperty("token").GetString());

        Assert.Equal(200, response.Status);
        Contracts.AssertSameShape(Contracts.Json(Contracts.Shopify("changeset-response.json")), response.Json, "$");
        var token = response.Json.GetProperty("token").GetString()!;
        var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = ClientId,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var claims = JsonNode.Parse(Base64UrlEncoder.Decode(((JsonWebToken)result.SecurityToken).EncodedPayload))!.AsObject();
        Assert.Equal(["changes", "iat", "iss", "jti", "sub"], claims.Select(c => c.Key).Order());
        Assert.Equal(ClientId, (string?)claims["iss"]);
        Assert.Equal("r-5f2c8a91d7e4", (string?)claims["sub"]);
        Assert.True(Guid.TryParse((string?)claims["jti"], out _));
        Assert.Equal(_app.Clock.GetUtcNow().ToUnixTimeSeconds(), (long)claims["iat"]!);
        Assert.Equal(
            """[{"type":"add_variant","variantId":44012345678931,"quantity":1,"discount":{"value":5,"valueType":"fixed_amount","title":"Add the X100 lens hood"}}]""",
            claims["changes"]!.ToJsonString());
    }

    [Fact]
    public async Task Two_changesets_for_the_same_offer_have_different_ids()
    {
        var offer = (await OfferAsync("Bearer " + InputToken())).Json.GetProperty("token").GetString();

        var first = (await SignAsync("Bearer " + InputToken(), offer)).Json.GetProperty("token").GetString()!;
        var second = (await SignAsync("Bearer " + InputToken(), offer)).Json.GetProperty("token").GetString()!;

        Assert.NotEqual(new JsonWebToken(first).Id, new JsonWebToken(second).Id);
    }

    public static TheoryData<string> NotDecidedHere() => ["for another order", "from the storefront's cart", "forged", "missing"];

    [Theory]
    [MemberData(nameof(NotDecidedHere))]
    public async Task A_change_for_an_offer_not_decided_for_this_order_is_refused(string which)
    {
        var decision = which switch
        {
            "for another order" => (await OfferAsync("Bearer " + InputToken(referenceId: "r-another-order"))).Json.GetProperty("token").GetString(),
            "from the storefront's cart" => await CartTokenAsync(),
            "forged" => ForgedToken((await OfferAsync("Bearer " + InputToken(referenceId: "r-another-order"))).Json.GetProperty("token").GetString()!),
            _ => null,
        };

        var response = await SignAsync("Bearer " + InputToken(), decision);

        Assert.Equal(403, response.Status);
        Assert.Equal("token", response.ProblemFields.Single());
        Assert.DoesNotContain("eyJ", response.Body, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Refused() => new()
    {
        { "signed with another secret", "the token's signature does not match the app's secret" },
        { "for another shop", "the token is for another shop" },
        { "not issued by Shopify", "the token was not issued by Shopify" },
        { "issued over an hour ago", "the token has expired or is not valid yet" },
        { "expired", "the token has expired or is not valid yet" },
        { "issued in the future", "the token has expired or is not valid yet" },
        { "subject is not the purchase", "the token does not describe a purchase" },
        { "alg none", "the token is not signed with HS256" },
        { "missing", "the request has no Authorization header" },
        { "not a bearer token", "the Authorization header is not a bearer token" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_bad_post_purchase_token_is_401_with_its_reason_and_nothing_is_recorded(string token, string reason)
    {
        var now = _app.Clock.GetUtcNow();
        var authorization = token switch
        {
            "signed with another secret" => "Bearer " + InputToken(secret: "0123456789abcdef0123456789abcdef"),
            "for another shop" => "Bearer " + InputToken(shop: "other-shop.myshopify.com"),
            "not issued by Shopify" => "Bearer " + InputToken(issuer: "someone"),
            "issued over an hour ago" => "Bearer " + InputToken(issuedAt: now.AddMinutes(-61)),
            "expired" => "Bearer " + InputToken(expires: now.AddMinutes(-1)),
            "issued in the future" => "Bearer " + InputToken(issuedAt: now.AddMinutes(2)),
            "subject is not the purchase" => "Bearer " + InputToken(subject: "r-another-order"),
            "alg none" => "Bearer " + Unsigned(),
            "missing" => string.Empty,
            _ => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("shop:secret")),
        };

        var offer = await OfferAsync(authorization);
        var sign = await SignAsync(authorization, "v2.anything.at-all");

        foreach (var response in new[] { offer, sign })
        {
            Assert.Equal(401, response.Status);
            Assert.Equal(reason, response.Json.GetProperty("errors")[0].GetProperty("message").GetString());
        }

        Assert.Equal(0, await _app.CountAsync((t, c) => t.SuppressionsAsync(c)));
        Assert.Empty(await _app.EventMessagesAsync());
    }

    [Fact]
    public async Task With_the_Admin_API_connected_the_purchased_variants_SKUs_and_product_types_target_offers_as_on_every_other_page()
    {
        await using var shop = await ShopStandIn.StartAsync();
        shop.Answer("/admin/api/2025-10/graphql.json", """{"data":{"nodes":[{"id":"gid://shopify/ProductVariant/44012345678950","sku":"CAM-X100","product":{"productType":"cameras"}}]}}""");
        await using var app = await ConnectedAsync(shop);

        var response = await OfferAsync("Bearer " + InputToken(app: app), app);

        // The demo's camera protection targets the category "cameras": only the Admin API says the purchase is one.
        Assert.Equal("camera-protection", response.Json.GetProperty("offerId").GetString());
        var asked = Assert.Single(shop.Requests);
        Assert.Contains("\"ids\":[\"gid://shopify/ProductVariant/44012345678950\"]", asked.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_Admin_API_fails_the_page_goes_on_with_the_variant_ids()
    {
        await using var shop = await ShopStandIn.StartAsync();
        shop.Answer("/admin/api/2025-10/graphql.json", """{"errors":"Internal error"}""", status: 500);
        await using var app = await ConnectedAsync(shop);

        var response = await OfferAsync("Bearer " + InputToken(app: app), app);

        Assert.Equal("x100-lens-hood", response.Json.GetProperty("offerId").GetString());
    }

    private async Task<TestApp> ConnectedAsync(ShopStandIn shop)
    {
        var app = new TestApp(azurite, new Dictionary<string, string?>
        {
            ["Upsell:Shopify:ClientId"] = ClientId,
            ["Upsell:Shopify:AdminAccessToken"] = "shpat_0123456789abcdef",
            ["Upsell:Shopify:AdminApiUrl"] = shop.Url,
        });
        await SeedAsync(app);
        return app;
    }

    [Fact]
    public async Task Within_ten_seconds_of_either_end_clocks_may_differ()
    {
        var now = _app.Clock.GetUtcNow();

        Assert.Equal(200, (await OfferAsync("Bearer " + InputToken(issuedAt: now.AddSeconds(8)))).Status);
        Assert.Equal(200, (await OfferAsync("Bearer " + InputToken(referenceId: "r-second", issuedAt: now.AddMinutes(-60).AddSeconds(-8)))).Status);
    }

    private async Task<Http.Response> OfferAsync(string authorization, TestApp? app = null)
    {
        var request = Http.Request("POST", "{}", Headers(authorization));
        return await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<PostPurchaseOfferFunction>((app ?? _app).Services).PostPurchaseOffer(request, default));
    }

    private async Task<Http.Response> SignAsync(string authorization, string? decisionToken)
    {
        var body = decisionToken is null ? "{}" : JsonSerializer.Serialize(new { token = decisionToken });
        var request = Http.Request("POST", body, Headers(authorization));
        return await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<SignChangesetFunction>(_app.Services).SignChangeset(request, default));
    }

    private static Dictionary<string, string> Headers(string authorization) =>
        authorization.Length == 0 ? [] : new() { ["Authorization"] = authorization };

    // A decision token the storefront got for its cart, of the same visitor as the buyer: not this order's offer.
    private async Task<string> CartTokenAsync()
    {
        var body = JsonNode.Parse(File.ReadAllText(Path.Combine(Azurite.RepositoryRoot(), "contracts", "api", "offer-request.json")))!.AsObject();
        body["visitorId"] = "customer-7001";
        var request = Http.Request("POST", body.ToJsonString());
        var response = await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<DecideOffersFunction>(_app.Services).DecideOffers(request, "cart", default));
        return response.Json.GetProperty("offers")[0].GetProperty("token").GetString()!;
    }

    // The same token with its payload changed to name another session: its signature no longer matches.
    private static string ForgedToken(string token)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("r-another-order", "r-5f2c8a91d7e4", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
    }

    // inputData.token as Shopify signs it: HS256 with the client secret; iss "shopify", sub the reference id, iat,
    // and input_data, the page's inputData (the fixture) without the token itself.
    private string InputToken(string? secret = null, string shop = "trail-co.myshopify.com", string issuer = "shopify", string referenceId = "r-5f2c8a91d7e4",
        string? subject = null, DateTimeOffset? issuedAt = null, DateTimeOffset? expires = null, TestApp? app = null)
    {
        secret ??= ShopifyTokens.SecretOf(app ?? _app);
        var input = Contracts.Node(Contracts.Shopify("post-purchase-input.json"));
        input["shop"]!["domain"] = shop;
        input["initialPurchase"]!["referenceId"] = referenceId;
        var payload = new JsonObject
        {
            ["iss"] = issuer,
            ["sub"] = subject ?? referenceId,
            ["iat"] = (issuedAt ?? _app.Clock.GetUtcNow()).ToUnixTimeSeconds(),
            ["input_data"] = input,
        };
        if (expires is { } exp)
        {
            payload["exp"] = exp.ToUnixTimeSeconds();
        }

        return new JsonWebTokenHandler().CreateToken(payload.ToJsonString(), ShopifyTokens.Credentials(secret));
    }

    private string Unsigned()
    {
        var input = Contracts.Node(Contracts.Shopify("post-purchase-input.json")).ToJsonString();
        return ShopifyTokens.Unsigned($"{{\"iss\":\"shopify\",\"sub\":\"r-5f2c8a91d7e4\",\"iat\":{_app.Clock.GetUtcNow().ToUnixTimeSeconds()},\"input_data\":{input}}}");
    }
}
