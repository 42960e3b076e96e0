using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Upsell.Tests;

namespace Upsell.Functions.Tests.Shopify;

/// <summary>Tokens as Shopify issues them to the app's extensions, signed with the test app's client secret, and unsigned ones.</summary>
internal static class ShopifyTokens
{
    public const string ClientId = "4f1c0e3a9b7d2c5e8f6a1b3d5c7e9f0a";
    public const string Shop = "trail-co.myshopify.com";

    public static string SecretOf(TestApp app) => app.Settings["Upsell:Shopify:WebhookSecret"]!;

    /// <summary>A checkout extension's session token: HS256 with the client secret, five minutes long.</summary>
    public static string Session(TestApp app, string? secret = null, string audience = ClientId, string destination = "https://" + Shop, DateTime? notBefore = null, DateTime? expires = null)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("dest", destination), new Claim("sub", "gid://shopify/Customer/7001"), new Claim("jti", Guid.NewGuid().ToString())]),
            IssuedAt = now,
            NotBefore = notBefore ?? now.AddSeconds(-1),
            Expires = expires ?? now.AddMinutes(5),
            SigningCredentials = Credentials(secret ?? SecretOf(app)),
        });
    }

    /// <summary>A token whose header says "alg: none", with no signature.</summary>
    public static string Unsigned(string payload)
    {
        static string Part(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        return Part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + Part(payload) + ".";
    }

    public static SigningCredentials Credentials(string secret) =>
        new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256);
}
