namespace Upsell.Infrastructure.Shops;

/// <summary>The one HTTP client that calls shops' APIs: pooled connections renewed every few minutes, a short timeout.</summary>
public sealed class ShopHttp : IDisposable
{
    /// <summary>How long a shop has to answer a product search before the console is told it did not.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public HttpClient Client { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout };

    public void Dispose() => Client.Dispose();
}
