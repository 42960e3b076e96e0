using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Upsell.Functions.Tests;

/// <summary>
/// A local HTTP server in a shop's place (Shopify's Admin API, a WooCommerce store): it answers each path with the
/// body a test gave it (or 404) and keeps every request it receives. Loopback only; stopped on dispose.
/// </summary>
public sealed class ShopStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _requests = new();
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _answers = new(StringComparer.Ordinal);

    private ShopStandIn(WebApplication app) => _app = app;

    public string Url { get; private set; } = string.Empty;

    public IReadOnlyList<Received> Requests => [.. _requests];

    public static async Task<ShopStandIn> StartAsync()
    {
        ShopStandIn? standIn = null;
        var (app, url) = await LoopbackServer.StartAsync(context => standIn!.HandleAsync(context));
        standIn = new ShopStandIn(app) { Url = url };
        return standIn;
    }

    /// <summary>Requests to <paramref name="path"/> (without the query) get this answer.</summary>
    public void Answer(string path, string body, int status = 200) => _answers[path] = (status, body);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        _requests.Enqueue(new Received(context.Request.Method, context.Request.Path, context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal), body));
        var (status, answer) = _answers.TryGetValue(context.Request.Path, out var given) ? given : (404, "{\"errors\":\"Not Found\"}");
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer);
    }

    public sealed record Received(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body);
}
