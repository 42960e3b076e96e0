using System.Security.Cryptography;
using Upsell.Domain.Offers;
using Upsell.Domain.Tokens;

namespace Upsell.Domain.Tests;

public class DecisionTokenSignerTests
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly DecisionToken Token = new("d1", "cam-bag", "exp", 2, "treatment", Moment.Cart, "visitor-1", "session-1", IssuedAt);
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void A_signed_token_verifies_to_what_was_signed()
    {
        var signer = new DecisionTokenSigner(_key);

        Assert.True(signer.TryVerify(signer.Sign(Token), IssuedAt.AddMinutes(5), TimeSpan.FromDays(1), out var verified, out _));
        Assert.Equal(Token, verified);
    }

    [Fact]
    public void The_segment_and_the_carts_value_travel_signed_and_older_tokens_without_them_still_verify()
    {
        var signer = new DecisionTokenSigner(_key);
        var full = Token with { Segment = "mobile.first-time.DE", CartValueMinor = 12_345 };

        Assert.True(signer.TryVerify(signer.Sign(full), IssuedAt, TimeSpan.FromDays(1), out var verified, out _));
        Assert.Equal(full, verified);
        // A token of nine fields, as signed before the segment and the cart's value were added.
        var payload = System.Buffers.Text.Base64Url.EncodeToString("d1|cam-bag|exp|2|treatment|cart|visitor-1|session-1|1795521600"u8);
        var mac = System.Buffers.Text.Base64Url.EncodeToString(HMACSHA256.HashData(_key, System.Text.Encoding.UTF8.GetBytes($"v1.{payload}")));
        Assert.True(signer.TryVerify($"v1.{payload}.{mac}", IssuedAt, TimeSpan.FromDays(1), out var old, out var error), error);
        Assert.Equal(Token, old);
    }

    [Fact]
    public void A_token_carries_its_issue_time_to_the_millisecond_its_product_and_its_network()
    {
        var signer = new DecisionTokenSigner(_key);
        var full = Token with { IssuedAt = IssuedAt.AddMilliseconds(437), Product = Orders.OfferedProduct.Mark("SD-128", "44012345678900"), AddressBucket = "AbCdEf12" };

        Assert.StartsWith("v2.", signer.Sign(full), StringComparison.Ordinal);
        Assert.True(signer.TryVerify(signer.Sign(full), IssuedAt, TimeSpan.FromDays(1), out var verified, out _));
        Assert.Equal(full, verified);
    }

    [Fact]
    public void The_shoppers_earlier_orders_travel_signed_and_tokens_signed_before_them_still_verify()
    {
        var signer = new DecisionTokenSigner(_key);
        var full = Token with { CartValueMinor = 8_000, EarlierOrders = 4 };

        Assert.True(signer.TryVerify(signer.Sign(full), IssuedAt, TimeSpan.FromDays(1), out var verified, out _));
        Assert.Equal(full, verified);
        // A v2 token of thirteen fields, as signed before earlier orders were added.
        var payload = System.Buffers.Text.Base64Url.EncodeToString("d1|cam-bag|exp|2|treatment|cart|visitor-1|session-1|1795521600000||8000||"u8);
        var mac = System.Buffers.Text.Base64Url.EncodeToString(HMACSHA256.HashData(_key, System.Text.Encoding.UTF8.GetBytes($"v2.{payload}")));
        Assert.True(signer.TryVerify($"v2.{payload}.{mac}", IssuedAt, TimeSpan.FromDays(1), out var older, out var error), error);
        Assert.Equal(full with { EarlierOrders = null }, older);
    }

    [Fact]
    public void Only_the_one_spelling_of_a_token_verifies()
    {
        var signer = new DecisionTokenSigner(_key);
        var token = signer.Sign(Token);
        var parts = token.Split('.');
        // The MAC's last character carries 4 unused bits: flipping one spells the same bytes another way.
        var last = parts[2][^1];
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var sibling = alphabet[alphabet.IndexOf(last, StringComparison.Ordinal) ^ 1];
        string[] spellings = [$"{parts[0]}.{parts[1]}.{parts[2][..^1]}{sibling}", $"{parts[0]}.{parts[1]}.{parts[2]}=", $"{parts[0]}.{parts[1]}=.{parts[2]}", $"{parts[0]}.{parts[1]}.{parts[2]} "];

        Assert.True(signer.TryVerify(token, IssuedAt, TimeSpan.FromDays(1), out _, out _));
        Assert.All(spellings, spelling => Assert.False(signer.TryVerify(spelling, IssuedAt, TimeSpan.FromDays(1), out _, out _), spelling));
    }

    [Fact]
    public void An_altered_payload_is_refused()
    {
        var signer = new DecisionTokenSigner(_key);
        var forged = new DecisionTokenSigner(RandomNumberGenerator.GetBytes(32)).Sign(Token with { OfferId = "free-stuff" });
        var altered = string.Join('.', signer.Sign(Token).Split('.') is var parts ? [parts[0], forged.Split('.')[1], parts[2]] : []);

        Assert.False(signer.TryVerify(altered, IssuedAt, TimeSpan.FromDays(1), out _, out var error));
        Assert.Equal("has a bad signature", error);
    }

    [Fact]
    public void A_token_signed_with_another_key_is_refused() =>
        Assert.False(new DecisionTokenSigner(_key).TryVerify(new DecisionTokenSigner(RandomNumberGenerator.GetBytes(32)).Sign(Token), IssuedAt, TimeSpan.FromDays(1), out _, out _));

    [Fact]
    public void An_old_token_has_expired()
    {
        var signer = new DecisionTokenSigner(_key);

        Assert.False(signer.TryVerify(signer.Sign(Token), IssuedAt.AddDays(2), TimeSpan.FromDays(1), out _, out var error));
        Assert.Equal("has expired", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("v1.abc")]
    [InlineData("v2.abc.def")]
    [InlineData("not a token")]
    public void Garbage_is_not_a_token(string text) =>
        Assert.False(new DecisionTokenSigner(_key).TryVerify(text, IssuedAt, TimeSpan.FromDays(1), out _, out _));

    [Fact]
    public void After_a_rotation_tokens_of_the_previous_key_still_verify()
    {
        var newKey = RandomNumberGenerator.GetBytes(32);
        var issuedBeforeRotation = new DecisionTokenSigner(_key).Sign(Token);

        Assert.True(new DecisionTokenSigner(newKey, previousKey: _key).TryVerify(issuedBeforeRotation, IssuedAt, TimeSpan.FromDays(1), out _, out _));
    }

    [Fact]
    public void A_short_key_is_refused() => Assert.Throws<ArgumentException>(() => new DecisionTokenSigner(new byte[16]));
}
