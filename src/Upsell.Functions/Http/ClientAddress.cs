using System.Net;
using Microsoft.AspNetCore.Http;

namespace Upsell.Functions.Http;

/// <summary>
/// The address a request came from. Behind the Functions front end (and Front Door) the connection is the proxy's,
/// and each proxy appends the address it saw to <c>X-Forwarded-For</c>; a client may write anything before that, so
/// the address is read from the right, <c>hops</c> entries in (<see cref="Infrastructure.Traffic.TrafficOptions.ForwardedHops"/>).
/// </summary>
public static class ClientAddress
{
    public static IPAddress? Of(HttpRequest request, int hops)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entries = request.Headers["X-Forwarded-For"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (entries.Count >= hops && Parse(entries[^hops]) is { } forwarded)
        {
            return forwarded;
        }

        return request.HttpContext.Connection.RemoteIpAddress;
    }

    // "203.0.113.7", "203.0.113.7:4711", "[2001:db8::1]:4711" or "2001:db8::1".
    private static IPAddress? Parse(string entry)
    {
        if (IPAddress.TryParse(entry, out var address))
        {
            return address;
        }

        return IPEndPoint.TryParse(entry, out var endPoint) ? endPoint.Address : null;
    }
}
