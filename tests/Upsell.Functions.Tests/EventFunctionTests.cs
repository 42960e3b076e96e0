using System.Text.Json;
using Upsell.Domain.Validation;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Queues;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

[Collection(UsesAzurite.Name)]
public sealed class EventFunctionTests(Azurite azurite) : AzuriteTest(azurite)
{
    [Fact]
    public async Task A_valid_batch_is_queued_whole_and_answered_202()
    {
        var token = App.Token();
        var response = await App.PostEventsAsync(new { events = new[] { Outcomes.Event("impression", token, "e-1"), Outcomes.Event("click", token, "e-2"), Outcomes.Event("accept", token, "e-3") } });

        Assert.Equal(202, response.Status);
        Assert.Equal(3, response.Json.GetProperty("accepted").GetInt32());
        var message = Assert.Single(await App.EventMessagesAsync());
        var queued = JsonSerializer.Deserialize(message.Body.ToMemory().Span, QueueJson.Default.EventMessage)!;
        Assert.Equal(["e-1", "e-2", "e-3"], queued.Events.Select(e => e.Id));
        Assert.Equal(("cam-sd-card", "cart-sd-card-price", 1, "control", "cart"), (queued.Events[0].Decision.OfferId, queued.Events[0].Decision.Experiment, queued.Events[0].Decision.Phase, queued.Events[0].Decision.Variant, queued.Events[0].Decision.Moment));
        Assert.Equal(App.Clock.GetUtcNow(), queued.ReceivedAt);
    }

    [Fact]
    public async Task A_send_beacon_text_plain_body_is_accepted()
    {
        var response = await App.PostEventsAsync(new { events = new[] { Outcomes.Event("impression", App.Token()) } }, "text/plain;charset=UTF-8");

        Assert.Equal(202, response.Status);
        Assert.Single(await App.EventMessagesAsync());
    }

    [Fact]
    public async Task A_batch_with_one_forged_token_is_rejected_whole_and_nothing_is_queued()
    {
        var good = App.Token();
        var forged = Outcomes.ForgedToken();
        var response = await App.PostEventsAsync(new { events = new[] { Outcomes.Event("impression", good), Outcomes.Event("click", forged, "e-forged"), Outcomes.Event("accept", good) } });

        Assert.Equal(400, response.Status);
        Assert.Equal(["events[1].token"], response.ProblemFields);
        Assert.Contains("bad signature (event e-forged)", response.Body, StringComparison.Ordinal);
        Assert.Empty(await App.EventMessagesAsync());
    }

    [Fact]
    public async Task An_altered_token_is_rejected()
    {
        var parts = App.Token().Split('.');
        var altered = $"{parts[0]}.{parts[1][..^2]}AA.{parts[2]}";

        var response = await App.PostEventsAsync(new { events = new[] { Outcomes.Event("impression", altered) } });

        Assert.Equal(400, response.Status);
        Assert.Equal(["events[0].token"], response.ProblemFields);
    }

    [Fact]
    public async Task An_expired_token_is_rejected()
    {
        var token = App.Token(issuedAt: App.Clock.GetUtcNow().AddDays(-2));

        var response = await App.PostEventsAsync(new { events = new[] { Outcomes.Event("impression", token) } });

        Assert.Equal(400, response.Status);
        Assert.Contains("has expired", response.Body, StringComparison.Ordinal);
        Assert.Empty(await App.EventMessagesAsync());
    }

    public static TheoryData<string, string> BadEvents => new()
    {
        { """{"id":"e-1","type":"purchase","at":"2026-11-24T12:00:00Z"}""", "events[0].type" },
        { """{"id":"e-1","type":"order","at":"2026-11-24T12:00:00Z"}""", "events[0].type" },
        { """{"id":"e-1","type":"refund","at":"2026-11-24T12:00:00Z"}""", "events[0].type" },
        { """{"id":"e-1","type":"exposure","at":"2026-11-24T12:00:00Z"}""", "events[0].type" },
        { """{"type":"click","at":"2026-11-24T12:00:00Z"}""", "events[0].id" },
        { """{"id":"has space","type":"click","at":"2026-11-24T12:00:00Z"}""", "events[0].id" },
        { """{"id":"e-1","type":"click"}""", "events[0].at" },
        { """{"id":"e-1","type":"click","at":"2026-11-24T13:00:00Z"}""", "events[0].at" },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task A_malformed_event_is_named_and_nothing_is_queued(string eventJson, string field)
    {
        var withToken = eventJson.Insert(eventJson.Length - 1, $",\"token\":\"{App.Token()}\"");
        var request = Http.Request("POST", $$"""{"events":[{{withToken}}]}""");
        var function = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<Events.CollectEventsFunction>(App.Services);

        var response = await Http.ExecuteAsync(request, await function.CollectEvents(request, default));

        Assert.Equal(400, response.Status);
        Assert.Equal([field], response.ProblemFields);
        Assert.Empty(await App.EventMessagesAsync());
    }

    [Fact]
    public async Task A_repeated_event_id_in_one_batch_is_rejected()
    {
        var token = App.Token();
        var response = await App.PostEventsAsync(new { events = new[] { Outcomes.Event("impression", token, "same"), Outcomes.Event("click", token, "same") } });

        Assert.Equal(400, response.Status);
        Assert.Equal(["events[1].id"], response.ProblemFields);
        Assert.Contains("repeats the id of events[0]", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_fifty_events_are_refused()
    {
        var token = App.Token();
        var response = await App.PostEventsAsync(new { events = Enumerable.Range(0, 51).Select(_ => Outcomes.Event("impression", token)).ToArray() });

        Assert.Equal(400, response.Status);
        Assert.Equal(["events"], response.ProblemFields);
    }

    [Fact]
    public async Task An_oversize_body_is_refused()
    {
        var response = await App.PostEventsAsync(new { events = new[] { Outcomes.Event("impression", new string('x', 70_000)) } });

        Assert.Equal(400, response.Status);
        Assert.Equal(["body"], response.ProblemFields);
        Assert.Empty(await App.EventMessagesAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_too_slow_for_the_server_or_cut_off_is_the_clients_400_not_a_server_error(bool slow)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { events = new[] { Outcomes.Event("impression", App.Token()) } }));
        var request = Http.Request("POST");
        request.ContentType = "application/json";
        request.Body = new StallingBody(body[..20], slow
            ? new Microsoft.AspNetCore.Http.BadHttpRequestException("Reading the request body timed out due to data arriving too slowly. See MinRequestBodyDataRate.", 408)
            : new IOException("The client closed the connection."));

        var function = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<Functions.Events.CollectEventsFunction>(App.Services);
        var response = await Http.ExecuteAsync(request, await function.CollectEvents(request, default));

        Assert.Equal(400, response.Status);
        Assert.Equal(["body"], response.ProblemFields);
        Assert.Contains("too slowly or was cut off", response.Body, StringComparison.Ordinal);
        Assert.Empty(await App.EventMessagesAsync());
    }

    // A body that gives its first bytes, then fails as the server's reader does when the client stalls or leaves.
    private sealed class StallingBody(byte[] start, Exception failure) : MemoryStream(start)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw failure;
        }
    }

    [Fact]
    public async Task A_form_post_is_an_unsupported_media_type()
    {
        var response = await App.PostEventsAsync(new { events = new[] { Outcomes.Event("impression", App.Token()) } }, "application/x-www-form-urlencoded");

        Assert.Equal(415, response.Status);
        Assert.Equal(["Content-Type"], response.ProblemFields);
    }

    [Fact]
    public void The_largest_valid_batch_fits_one_queue_message()
    {
        var longest = new string('a', 64);
        var decision = new QueuedDecision(Guid.NewGuid().ToString("N"), longest, longest, 999, longest, "post-purchase", longest, longest, TestApp.Start);
        var message = new EventMessage(TestApp.Start, [.. Enumerable.Range(0, Limits.Events).Select(_ => new QueuedEvent(longest, "impression", TestApp.Start, decision))]);

        Assert.True(JsonSerializer.SerializeToUtf8Bytes(message, QueueJson.Default.EventMessage).Length <= UpsellQueues.MaxMessageBytes);
    }
}
