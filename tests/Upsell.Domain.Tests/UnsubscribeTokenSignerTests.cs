using System.Security.Cryptography;
using Upsell.Domain.FollowUps;

namespace Upsell.Domain.Tests;

public class UnsubscribeTokenSignerTests
{
    private static readonly DateTimeOffset Issued = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Year = TimeSpan.FromDays(365);
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly string _address = EmailAddressKey.Of("ada@example.com");

    [Fact]
    public void A_token_names_its_address_and_keeps_working_for_months()
    {
        var signer = new UnsubscribeTokenSigner(_key);
        var token = signer.Sign(_address, Issued);

        Assert.True(signer.TryVerify(token, Issued.AddDays(200), Year, out var address, out _));
        Assert.Equal(_address, address);
        Assert.DoesNotContain("ada", token, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_older_than_its_lifetime_is_refused()
    {
        var signer = new UnsubscribeTokenSigner(_key);

        Assert.False(signer.TryVerify(signer.Sign(_address, Issued), Issued.AddDays(366), Year, out _, out var error));
        Assert.Equal("has expired", error);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_tampered_token_is_refused(int part)
    {
        var signer = new UnsubscribeTokenSigner(_key);
        var parts = signer.Sign(_address, Issued).Split('.');
        parts[part] = part switch
        {
            1 => EmailAddressKey.Of("someone-else@example.com"),
            2 => (Issued.ToUnixTimeSeconds() + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => parts[3][..^2] + (parts[3][^2] == 'A' ? "B" : "A") + parts[3][^1],
        };

        Assert.False(signer.TryVerify(string.Join('.', parts), Issued, Year, out _, out var error));
        Assert.Equal("has a bad signature", error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("u1.abc.1.x")]
    [InlineData("v1.payload.signature")]
    public void Garbage_is_not_a_token(string? token) =>
        Assert.False(new UnsubscribeTokenSigner(_key).TryVerify(token, Issued, Year, out _, out _));

    [Fact]
    public void After_a_key_rotation_links_signed_with_the_previous_key_still_work()
    {
        var old = new UnsubscribeTokenSigner(_key);
        var rotated = new UnsubscribeTokenSigner(RandomNumberGenerator.GetBytes(32), _key);

        Assert.True(rotated.TryVerify(old.Sign(_address, Issued), Issued, Year, out _, out _));
        Assert.False(new UnsubscribeTokenSigner(RandomNumberGenerator.GetBytes(32)).TryVerify(old.Sign(_address, Issued), Issued, Year, out _, out _));
    }

    [Theory]
    [InlineData("Ada@Example.com")]
    [InlineData(" ada@example.com ")]
    public void An_address_has_one_key_whatever_its_case_and_surrounding_spaces(string written) =>
        Assert.Equal(EmailAddressKey.Of("ada@example.com"), EmailAddressKey.Of(written));
}
