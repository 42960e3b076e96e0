using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Upsell.Functions.Tests;

/// <summary>
/// A local HTTP server in SendGrid's place (the SDK's Host points at it): it keeps every request it receives and
/// answers 202 with an X-Message-Id, unless a test queued other answers. Loopback only; stopped on dispose.
/// </summary>
public sealed class SendGridStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Answer> _answers = new();
    private readonly ConcurrentQueue<Received> _requests = new();
    private int _inFlight;
    private int _peak;

    private SendGridStandIn(WebApplication app) => _app = app;

    public string Url { get; private set; } = string.Empty;

    public IReadOnlyList<Received> Requests => [.. _requests];

    /// <summary>The most requests that were open at once.</summary>
    public int PeakConcurrency => Volatile.Read(ref _peak);

    /// <summary>Added to every answer, as SendGrid's own latency.</summary>
    public TimeSpan Latency { get; set; }

    public static async Task<SendGridStandIn> StartAsync()
    {
        SendGridStandIn? standIn = null;
        var (app, url) = await LoopbackServer.StartAsync(context => standIn!.HandleAsync(context));
        standIn = new SendGridStandIn(app) { Url = url };
        return standIn;
    }

    /// <summary>The next request gets this answer (after <paramref name="delay"/>); later ones the default 202.</summary>
    public void Enqueue(int status, IDictionary<string, string>? headers = null, TimeSpan delay = default) =>
        _answers.Enqueue(new Answer(status, headers ?? new Dictionary<string, string>(), delay));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var open = Interlocked.Increment(ref _inFlight);
        try
        {
            int peak;
            while (open > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, open, peak) != peak)
            {
            }

            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            _requests.Enqueue(new Received(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.Authorization.ToString(),
                context.Request.ContentType,
                JsonDocument.Parse(body).RootElement.Clone()));

            var answer = _answers.TryDequeue(out var queued) ? queued : new Answer(202, new Dictionary<string, string>(), TimeSpan.Zero);
            var delay = answer.Delay + Latency;
            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            context.Response.StatusCode = answer.Status;
            if (answer.Status == 202)
            {
                context.Response.Headers["X-Message-Id"] = "msg-" + Guid.NewGuid().ToString("N")[..12];
            }

            foreach (var (name, value) in answer.Headers)
            {
                context.Response.Headers[name] = value;
            }

            if (answer.Status >= 400)
            {
                await context.Response.WriteAsync($$"""{"errors":[{"message":"{{(HttpStatusCode)answer.Status}}"}]}""");
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public sealed record Received(string Method, string Path, string Authorization, string? ContentType, JsonElement Body)
    {
        /// <summary>The one recipient's part of the request: to, subject, headers, custom arguments.</summary>
        public JsonElement Personalization => Body.GetProperty("personalizations").EnumerateArray().Single();

        public string FollowUpId => Personalization.GetProperty("custom_args").GetProperty("followUpId").GetString()!;

        public string To => Personalization.GetProperty("to").EnumerateArray().Single().GetProperty("email").GetString()!;

        public string Subject => Personalization.GetProperty("subject").GetString()!;

        public string Header(string name) => Personalization.GetProperty("headers").GetProperty(name).GetString()!;

        public string Content(string type) =>
            Body.GetProperty("content").EnumerateArray().Single(c => c.GetProperty("type").GetString() == type).GetProperty("value").GetString()!;
    }

    private sealed record Answer(int Status, IDictionary<string, string> Headers, TimeSpan Delay);
}
