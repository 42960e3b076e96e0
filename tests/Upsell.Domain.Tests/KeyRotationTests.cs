using System.Text;
using Upsell.Domain.FollowUps;
using Upsell.Domain.Offers;
using Upsell.Domain.Orders;
using Upsell.Domain.Tokens;

namespace Upsell.Domain.Tests;

/// <summary>
/// One table of rotation cases for every HMAC signer (decision tokens, unsubscribe tokens, the order webhook), all
/// signing through <see cref="HmacKeyRing"/>: what was signed under which key is accepted by which ring.
/// </summary>
public class KeyRotationTests
{
    private static readonly byte[] Old = Enumerable.Repeat((byte)1, 32).ToArray();
    private static readonly byte[] New = Enumerable.Repeat((byte)2, 32).ToArray();
    private static readonly byte[] Stranger = Enumerable.Repeat((byte)3, 32).ToArray();
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, string, bool>();
        foreach (var signer in new[] { "decision token", "unsubscribe token", "order webhook" })
        {
            // signed with, the verifier's ring (current, previous), accepted
            data.Add(signer, "new", "new", true);
            data.Add(signer, "new", "new+old", true);
            data.Add(signer, "old", "new+old", true);
            data.Add(signer, "old", "new", false);
            data.Add(signer, "stranger", "new+old", false);
            data.Add(signer, "new", "old", false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_signature_is_accepted_exactly_by_a_ring_holding_its_key(string signer, string signedWith, string ring, bool accepted)
    {
        var key = Key(signedWith);
        var (current, previous) = ring switch { "new" => (New, (byte[]?)null), "old" => (Old, null), _ => (New, Old) };

        var verified = signer switch
        {
            "decision token" => new DecisionTokenSigner(current, previous).TryVerify(
                new DecisionTokenSigner(key).Sign(new DecisionToken("d-1", "cam-bag", null, null, null, Moment.Cart, "v-1", "s-1", Now)), Now, TimeSpan.FromHours(1), out _, out _),
            "unsubscribe token" => new UnsubscribeTokenSigner(current, previous).TryVerify(
                new UnsubscribeTokenSigner(key).Sign(EmailAddressKey.Of("ada@example.com"), Now), Now, TimeSpan.FromDays(30), out _, out _),
            _ => OrderSignature.Verify("{\"orderId\":\"o-1\"}"u8, OrderSignature.Compute(Encoding.UTF8.GetBytes("{\"orderId\":\"o-1\"}"), key), current, previous),
        };

        Assert.Equal(accepted, verified);
    }

    [Fact]
    public void A_mac_of_the_wrong_length_is_refused_without_a_comparison()
    {
        var ring = new HmacKeyRing(New, Old);

        Assert.False(ring.Verify("data"u8, ring.Sign("data"u8).AsSpan(0, 31)));
        Assert.True(ring.Verify("data"u8, ring.Sign("data"u8)));
    }

    private static byte[] Key(string name) => name switch { "new" => New, "old" => Old, _ => Stranger };
}
