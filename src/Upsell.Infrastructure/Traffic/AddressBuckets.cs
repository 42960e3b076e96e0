using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Upsell.Domain.Outcomes;
using Upsell.Infrastructure.Tokens;

namespace Upsell.Infrastructure.Traffic;

/// <summary>
/// <see cref="AddressBucket"/> under this deployment's key, derived from the token signing key: secret, so a bucket
/// cannot be turned back into its network, and stable for as long as that key is.
/// </summary>
public sealed class AddressBuckets(IOptions<TokenOptions> tokens, IOptions<TrafficOptions> traffic)
{
    private readonly byte[] _key = SHA256.HashData([.. Encoding.ASCII.GetBytes("upsell address bucket|"), .. SigningKeys.Decode(tokens.Value.SigningKey) ?? []]);

    /// <summary>Which <c>X-Forwarded-For</c> entry, from the right, is the shopper's (<see cref="TrafficOptions.ForwardedHops"/>).</summary>
    public int ForwardedHops => traffic.Value.ForwardedHops;

    /// <summary>The bucket of an address; null without one.</summary>
    public string? Of(IPAddress? address) => AddressBucket.Of(address, _key);
}
