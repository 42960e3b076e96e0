namespace Upsell.Infrastructure.Shops;

/// <summary>Where a shop's API may be: https, or plain http on this machine (a local shop or a stand-in).</summary>
public static class ShopEndpoints
{
    public static bool IsSafe(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        && string.IsNullOrEmpty(uri.UserInfo);
}
