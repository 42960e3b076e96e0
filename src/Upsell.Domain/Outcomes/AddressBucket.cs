using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Upsell.Domain.Outcomes;

/// <summary>
/// The network a request came from, as traffic quality counts it: the IPv4 /24 or IPv6 /48 of the address, hashed
/// with a key of the deployment, so the address itself is never stored and cannot be recovered by trying every
/// network. Many new visitors from one bucket is what a script on one machine looks like.
/// </summary>
public static class AddressBucket
{
    /// <summary>The bucket of an address (an IPv4-mapped IPv6 address counts as its IPv4); null without one.</summary>
    public static string? Of(IPAddress? address, ReadOnlySpan<byte> key)
    {
        if (address is null)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        var network = address.AddressFamily == AddressFamily.InterNetwork ? bytes.AsSpan(0, 3) : bytes.AsSpan(0, 6);
        return Base64Url.EncodeToString(HMACSHA256.HashData(key, network).AsSpan(0, 6));
    }

    /// <summary>Whether a value is in the shape <see cref="Of"/> writes.</summary>
    public static bool IsBucket(string? value) => value is { Length: 8 } && Base64Url.IsValid(value);
}
