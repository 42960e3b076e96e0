using System.Text;
using Upsell.Domain.Orders;

namespace Upsell.Domain.Tests;

public class OrderSignatureTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("a-webhook-secret-of-at-least-32-chars!");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"orderId":"1001"}""");

    [Fact]
    public void The_signature_is_the_hex_hmac_sha256_of_the_body() =>
        // Reference: printf '{"orderId":"1001"}' | openssl dgst -sha256 -hmac 'a-webhook-secret-of-at-least-32-chars!'
        Assert.Equal("sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Secret, Body)), OrderSignature.Compute(Body, Secret));

    [Fact]
    public void A_signature_verifies_under_the_secret_and_during_rotation_under_the_previous_one()
    {
        var other = Encoding.UTF8.GetBytes("the-next-webhook-secret-32-chars-long!!");

        Assert.True(OrderSignature.Verify(Body, OrderSignature.Compute(Body, Secret), Secret));
        Assert.True(OrderSignature.Verify(Body, OrderSignature.Compute(Body, Secret), other, previousSecret: Secret));
        Assert.False(OrderSignature.Verify(Body, OrderSignature.Compute(Body, Secret), other));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=abc")]
    [InlineData("SHA256=0000000000000000000000000000000000000000000000000000000000000000")]
    public void A_missing_or_malformed_signature_does_not_verify(string? header) =>
        Assert.False(OrderSignature.Verify(Body, header, Secret));

    [Fact]
    public void A_changed_body_does_not_verify() =>
        Assert.False(OrderSignature.Verify(Encoding.UTF8.GetBytes("""{"orderId":"1002"}"""), OrderSignature.Compute(Body, Secret), Secret));
}
