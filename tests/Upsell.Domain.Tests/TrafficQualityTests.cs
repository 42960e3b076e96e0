using System.Net;
using Upsell.Domain.Outcomes;

namespace Upsell.Domain.Tests;

/// <summary>When an arm's traffic departs from the others', and the hashed network a request came from.</summary>
public class TrafficQualityTests
{
    private static ArmTraffic Arm(string key, long impressions = 500, long received = 700, long accepts = 50, long early = 0, long hasty = 0, long visitors = 500, long networks = 480, long accepters = 50, long acceptingNetworks = 48) =>
        new(key, new Counters { Impressions = impressions, Received = received, Accepts = accepts, EarlyAccepts = early, HastyAccepts = hasty, Visitors = visitors, AcceptingVisitors = accepters }, networks, acceptingNetworks);

    [Fact]
    public void Arms_of_shoppers_raise_no_sign() =>
        Assert.Empty(TrafficQuality.Signs([Arm("control"), Arm("discounted", accepts: 80, accepters: 80, acceptingNetworks: 76)]));

    [Theory]
    [InlineData("early-accepts")]
    [InlineData("hasty-accepts")]
    [InlineData("accepters-per-network")]
    [InlineData("events-per-decision")]
    [InlineData("visitors-per-network")]
    public void Each_sign_of_a_script_flags_only_its_arm(string sign)
    {
        var scripted = sign switch
        {
            "early-accepts" => Arm("discounted", early: 40),
            "hasty-accepts" => Arm("discounted", hasty: 60),
            "accepters-per-network" => Arm("discounted", accepts: 350, accepters: 350, acceptingNetworks: 49),
            "events-per-decision" => Arm("discounted", received: 6_000),
            _ => Arm("discounted", visitors: 500, networks: 40),
        };

        var signs = TrafficQuality.Signs([Arm("control"), scripted]);

        var flagged = Assert.Single(signs, s => s.Sign == sign);
        Assert.Equal("discounted", flagged.Arm);
        Assert.All(signs, s => Assert.Equal("discounted", s.Arm));
    }

    [Fact]
    public void Too_little_traffic_is_not_read() =>
        Assert.Empty(TrafficQuality.Signs([Arm("control", impressions: 10, accepts: 2, accepters: 2, acceptingNetworks: 2), Arm("discounted", impressions: 10, accepts: 5, hasty: 5, accepters: 5, acceptingNetworks: 1)]));

    [Fact]
    public void A_network_is_an_IPv4_24_or_an_IPv6_48_hashed_under_the_deployments_key()
    {
        byte[] key = [1, 2, 3, 4], other = [4, 3, 2, 1];
        var bucket = AddressBucket.Of(IPAddress.Parse("203.0.113.7"), key);

        Assert.Equal(bucket, AddressBucket.Of(IPAddress.Parse("203.0.113.250"), key));
        Assert.Equal(bucket, AddressBucket.Of(IPAddress.Parse("::ffff:203.0.113.9"), key));
        Assert.NotEqual(bucket, AddressBucket.Of(IPAddress.Parse("203.0.114.7"), key));
        Assert.NotEqual(bucket, AddressBucket.Of(IPAddress.Parse("203.0.113.7"), other));
        Assert.Equal(AddressBucket.Of(IPAddress.Parse("2001:db8:1::1"), key), AddressBucket.Of(IPAddress.Parse("2001:db8:1:ffff::2"), key));
        Assert.True(AddressBucket.IsBucket(bucket));
        Assert.DoesNotContain("203", bucket!, StringComparison.Ordinal);
        Assert.Null(AddressBucket.Of(null, key));
    }
}
