using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Application.Catalog;
using Upsell.Functions.Offers;
using Upsell.Functions.Tests.Shopify;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>
/// Offer requests from Shopify's checkout extensions carry the session token Shopify signs with the app's client
/// secret: a good one is answered as the storefront is; a forged, stale, foreign or unsigned one is 401 and nothing of
/// the request is recorded.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class ShopifySessionTokenTests(Azurite azurite) : IAsyncLifetime
{
    private const string ClientId = ShopifyTokens.ClientId;
    private const string Shop = ShopifyTokens.Shop;
    private static readonly string Body = File.ReadAllText(Path.Combine(Azurite.RepositoryRoot(), "contracts", "api", "offer-request.json"));

    private readonly TestApp _app = new(azurite, new Dictionary<string, string?> { ["Upsell:Shopify:ClientId"] = ClientId });

    public async Task InitializeAsync() => await DemoCatalogSeeder.SeedAsync(_app.Get<CatalogAdmin>(), default);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_valid_session_token_is_answered_as_the_storefront_is()
    {
        var response = await DecideAsync("Bearer " + Token());

        Assert.Equal(200, response.Status);
        Assert.True(response.Json.GetProperty("offers").GetArrayLength() > 0);
        Assert.True(await _app.CountAsync((t, c) => t.SuppressionsAsync(c)) > 0, "the shopper's session was kept");
    }

    public static TheoryData<string, string> Refused() => new()
    {
        { "signed with another secret", "the token's signature does not match the app's secret" },
        { "for another app", "the token is for another app" },
        { "for another shop", "the token is for another shop" },
        { "expired", "the token has expired or is not valid yet" },
        { "not valid yet", "the token has expired or is not valid yet" },
        { "alg none", "the token is not signed with HS256" },
        { "not a bearer token", "the Authorization header is not a bearer token" },
        { "garbage", "the token cannot be read" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_bad_session_token_is_401_with_its_reason_and_nothing_is_recorded(string token, string reason)
    {
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        var authorization = token switch
        {
            "signed with another secret" => "Bearer " + Token(secret: "0123456789abcdef0123456789abcdef"),
            "for another app" => "Bearer " + Token(audience: "someone-elses-app"),
            "for another shop" => "Bearer " + Token(destination: "https://other-shop.myshopify.com"),
            "expired" => "Bearer " + Token(notBefore: now.AddMinutes(-10), expires: now.AddMinutes(-1)),
            "not valid yet" => "Bearer " + Token(notBefore: now.AddMinutes(2), expires: now.AddMinutes(7)),
            "alg none" => "Bearer " + Unsigned(),
            "not a bearer token" => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("shop:secret")),
            _ => "Bearer not.a.token",
        };

        var response = await DecideAsync(authorization);

        Assert.Equal(401, response.Status);
        Assert.Equal(reason, response.Json.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(0, await _app.CountAsync((t, c) => t.SuppressionsAsync(c)));
        Assert.Empty(await _app.EventMessagesAsync());
    }

    [Fact]
    public async Task Within_ten_seconds_of_either_end_clocks_may_differ()
    {
        var now = _app.Clock.GetUtcNow().UtcDateTime;

        Assert.Equal(200, (await DecideAsync("Bearer " + Token(notBefore: now.AddSeconds(8), expires: now.AddMinutes(5)))).Status);
        Assert.Equal(200, (await DecideAsync("Bearer " + Token(notBefore: now.AddMinutes(-5), expires: now.AddSeconds(-8)))).Status);
    }

    private async Task<Http.Response> DecideAsync(string authorization)
    {
        var request = Http.Request("POST", Body, new Dictionary<string, string> { ["Authorization"] = authorization });
        return await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<DecideOffersFunction>(_app.Services).DecideOffers(request, "cart", default));
    }

    private string Token(string? secret = null, string audience = ClientId, string destination = "https://" + Shop, DateTime? notBefore = null, DateTime? expires = null) =>
        ShopifyTokens.Session(_app, secret, audience, destination, notBefore, expires);

    private string Unsigned()
    {
        var now = new DateTimeOffset(_app.Clock.GetUtcNow().UtcDateTime).ToUnixTimeSeconds();
        return ShopifyTokens.Unsigned($"{{\"aud\":\"{ClientId}\",\"dest\":\"https://{Shop}\",\"nbf\":{now - 1},\"exp\":{now + 300}}}");
    }
}
