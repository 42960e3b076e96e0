using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Upsell.Domain.FollowUps;
using Upsell.Domain.Offers;
using Upsell.Domain.Outcomes;
using Upsell.Functions.FollowUps;
using Upsell.Infrastructure.FollowUps;
using Upsell.Infrastructure.Outcomes;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>
/// SendGrid's signed Event Webhook against Azurite, with batches signed in the test by a key pair made for it (the
/// public half in settings, as an operator pastes SendGrid's verification key), and follow-ups sent to a local
/// stand-in for SendGrid.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class SendGridEventWebhookTests(Azurite azurite) : FollowUpTest(azurite)
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Upsell:Email:EventWebhookPublicKey"] = Convert.ToBase64String(_key.ExportSubjectPublicKeyInfo());
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _key.Dispose();
    }

    // Published by SendGrid in sendgrid-csharp, tests/SendGrid.Tests/Helpers/EventWebhook/RequestValidatorTests.cs
    // (the same example as their Event Webhook security documentation): verification key, payload, signature, timestamp.
    private const string PublishedKey = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==";
    private const string PublishedPayload = "{\"category\":\"example_payload\",\"event\":\"test_event\",\"message_id\":\"message_id\"}";
    private const string PublishedSignature = "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=";
    private const string PublishedTimestamp = "1588788367";

    [Fact]
    public void SendGrids_published_example_verifies_and_any_change_to_it_does_not()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1588788367).AddMinutes(2));
        var verifier = new SendGridEvents(Options.Create(new EmailOptions { EventWebhookPublicKey = PublishedKey }), clock);

        Assert.Null(verifier.Refusal(PublishedSignature, PublishedTimestamp, PublishedPayload));
        Assert.Equal("the signature does not match the batch", verifier.Refusal(PublishedSignature, PublishedTimestamp, PublishedPayload.Replace("test_event", "test_evenT", StringComparison.Ordinal)));
        Assert.Equal("the signature does not match the batch", verifier.Refusal(PublishedSignature, "1588788368", PublishedPayload));
        Assert.Equal("the signature does not match the batch", verifier.Refusal("MEUCIQ" + PublishedSignature[6..].Replace('C', 'D'), PublishedTimestamp, PublishedPayload));
        Assert.Equal("the signature does not match the batch", verifier.Refusal("not base64!", PublishedTimestamp, PublishedPayload));
        clock.Advance(TimeSpan.FromMinutes(8));
        Assert.Equal("the batch was signed 10 minutes ago, more than the 5 allowed", verifier.Refusal(PublishedSignature, PublishedTimestamp, PublishedPayload));
        Assert.True(SendGridEvents.IsPublicKey(PublishedKey));
        Assert.False(SendGridEvents.IsPublicKey("MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC"));
    }

    [Fact]
    public async Task A_signed_batch_counts_delivered_open_and_click_once_even_when_delivered_twice_and_they_show_in_the_reports()
    {
        var token = await SendFollowUpAsync("order-1");
        Assert.Equal(0L, (await App.Get<StatsReader>().TotalAsync(new StatsGroup(Moment.PostPurchase, null, null, null, "trail-socks"), default)).Impressions);
        var batch = Batch(
            Event("delivered", "ada@example.com", token, "ev-delivered"),
            Event("processed", "ada@example.com", token, "ev-processed"),
            Event("open", "ada@example.com", token, "ev-open-machine", machineOpen: true),
            Event("open", "ada@example.com", token, "ev-open"),
            Event("open", "ada@example.com", token, "ev-open-again"),
            Event("click", "ada@example.com", token, "ev-click"));

        var first = await PostAsync(batch, Sign(batch));
        var again = await PostAsync(batch, Sign(batch));
        await App.RecordQueuedEventsAsync();

        Assert.Equal((200, 200), (first.Status, again.Status));
        Assert.Equal("""{"received":6,"counted":4,"suppressed":0,"unsubscribed":0,"ignored":2}""", first.Body);
        var totals = await App.Get<StatsReader>().TotalAsync(new StatsGroup(Moment.PostPurchase, null, null, null, "trail-socks"), default);
        Assert.Equal((1L, 1L, 1L, 1L), (totals.Visitors, totals.Impressions, totals.Opens, totals.Clicks));
        var offers = await App.GetAsync("offers", "?from=2026-11-24&to=2026-11-26");
        var socks = JsonNode.Parse(offers.Body)!["offers"]!.AsArray().Single(o => (string?)o!["offerId"] == "trail-socks")!["totals"]!;
        Assert.Equal((1, 1, 1), ((int)socks["impressions"]!, (int)socks["opens"]!, (int)socks["clicks"]!));
        // The post-purchase moment, by device: an email's device is not known.
        var moments = await App.GetAsync("moments", "?from=2026-11-24&to=2026-11-26&by=device");
        var postPurchase = JsonNode.Parse(moments.Body)!["moments"]!.AsArray().Single(m => (string?)m!["moment"] == "post-purchase")!;
        Assert.Equal((1, 1, 1), ((int)postPurchase["totals"]!["impressions"]!, (int)postPurchase["totals"]!["opens"]!, (int)postPurchase["totals"]!["clicks"]!));
        Assert.Equal(["-"], postPurchase["segments"]!.AsArray().Select(x => (string?)x!["value"]));
    }

    [Fact]
    public async Task A_click_before_the_delivered_event_counts_once_the_email_was_delivered()
    {
        var token = await SendFollowUpAsync("order-1");
        var click = Batch(Event("click", "ada@example.com", token, "ev-click"));
        await PostAsync(click, Sign(click));
        await App.RecordQueuedEventsAsync();
        var group = new StatsGroup(Moment.PostPurchase, null, null, null, "trail-socks");
        Assert.Equal(0L, (await App.Get<StatsReader>().TotalAsync(group, default)).Clicks);

        var delivered = Batch(Event("delivered", "ada@example.com", token, "ev-delivered"));
        await PostAsync(delivered, Sign(delivered));
        await App.RecordQueuedEventsAsync();

        var totals = await App.Get<StatsReader>().TotalAsync(group, default);
        Assert.Equal((1L, 1L), (totals.Impressions, totals.Clicks));
    }

    public static TheoryData<string> Refused => ["unsigned", "altered", "ten minutes old", "signed by another key"];

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_batch_that_is_not_SendGrids_gets_401_and_writes_nothing(string how)
    {
        var token = await SendFollowUpAsync("order-1");
        var batch = Batch(Event("delivered", "ada@example.com", token, "ev-delivered"), Event("bounce", "bob@example.com", null, "ev-bounce"));
        var signed = Sign(batch);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (body, headers) = how switch
        {
            "unsigned" => (batch, new Dictionary<string, string>()),
            "altered" => (batch.Replace("bob@", "eve@", StringComparison.Ordinal), signed),
            "ten minutes old" => (batch, Sign(batch, App.Clock.GetUtcNow().AddMinutes(-10))),
            _ => (batch, Sign(batch, key: other)),
        };

        var response = await PostAsync(body, headers);

        Assert.Equal(401, response.Status);
        Assert.Empty(await App.EventMessagesAsync());
        Assert.Null(await App.Get<AddressBook>().BarredAsync(EmailAddressKey.Of("bob@example.com"), default));
        Assert.Empty(await App.Get<AddressBook>().SuppressedAsync(default));
    }

    [Fact]
    public async Task A_signed_body_that_is_not_an_array_gets_400_and_without_the_key_the_route_is_off()
    {
        const string body = """{"event":"delivered"}""";
        Assert.Equal(400, (await PostAsync(body, Sign(body))).Status);

        await using var off = new TestApp(Azurite, FollowUpFunctionTests.SendGridSettings(SendGrid));
        var request = Http.Request("POST", "[]", Sign("[]"));
        var response = await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<ReceiveSendGridEventsFunction>(off.Services).ReceiveSendGridEvents(request, default));
        Assert.Equal(404, response.Status);
        Assert.Contains("Upsell__Email__EventWebhookPublicKey", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bounce")]
    [InlineData("dropped")]
    [InlineData("spamreport")]
    public async Task A_bounce_drop_or_spam_report_stops_the_next_follow_up_to_that_address_and_shows_in_operations(string type)
    {
        var token = await SendFollowUpAsync("order-1");
        var batch = Batch(Event(type, "ADA@example.com", token, "ev-1"));
        var response = await PostAsync(batch, Sign(batch));
        await PostAsync(batch, Sign(batch));

        await App.PlaceAsync(FollowUps.Order("order-2", Placed.AddHours(2)));
        await App.RunTimerAtAsync(Placed.AddHours(27));

        Assert.Equal("""{"received":1,"counted":0,"suppressed":1,"unsubscribed":0,"ignored":0}""", response.Body);
        Assert.Single(SendGrid.Requests);
        Assert.Equal((FollowUpEntity.Skipped, type), ((await App.FollowUpAsync("order-2"))!.Status, (await App.FollowUpAsync("order-2"))!.Reason));
        var operations = await App.Get<Upsell.Application.Operations.OperationsService>().ReportAsync(default);
        Assert.Equal(1, type switch { "bounce" => operations.Suppressed.Bounce, "dropped" => operations.Suppressed.Dropped, _ => operations.Suppressed.SpamReport });
        Assert.False((await App.Get<Upsell.Infrastructure.Shoppers.ShopperStateStore>().LoadHistoryAsync("visitor-1", default)).OptedOut);
    }

    [Fact]
    public async Task An_unsubscribe_at_SendGrid_unsubscribes_the_address_as_the_emails_own_link_does()
    {
        var token = await SendFollowUpAsync("order-1");
        var batch = Batch(Event("group_unsubscribe", "ada@example.com", token, "ev-1"));

        await PostAsync(batch, Sign(batch));

        Assert.Equal("unsubscribed", await App.Get<AddressBook>().BarredAsync(EmailAddressKey.Of("ada@example.com"), default));
        Assert.Equal(1, (await App.Get<Upsell.Application.Operations.OperationsService>().ReportAsync(default)).Suppressed.Unsubscribed);
        Assert.True((await App.Get<Upsell.Infrastructure.Shoppers.ShopperStateStore>().LoadHistoryAsync("visitor-1", default)).OptedOut);
    }

    // Places an order, sends its follow-up 25 hours later (recording what that queued: its exposure, and no
    // impression while SendGrid has not said it was delivered) and gives the decision token SendGrid was handed. The
    // clock then moves on ten minutes, as the shopper reads the email.
    private async Task<string> SendFollowUpAsync(string orderId)
    {
        await App.PlaceAsync(FollowUps.Order(orderId, Placed));
        await App.RunTimerAtAsync(Placed.AddHours(25));
        var sent = Assert.Single(SendGrid.Requests);
        var queued = await App.EventMessagesAsync();
        Assert.DoesNotContain(queued, m => m.Body.ToString().Contains("\"impression\"", StringComparison.Ordinal));
        foreach (var message in queued)
        {
            await App.RecordEventsAsync(message);
        }

        App.Clock.SetUtcNow(Placed.AddHours(25).AddMinutes(10));
        return sent.Personalization.GetProperty("custom_args").GetProperty(SendGridEvents.TokenArgument).GetString()!;
    }

    private async Task<Http.Response> PostAsync(string body, Dictionary<string, string> headers)
    {
        var request = Http.Request("POST", body, headers);
        return await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<ReceiveSendGridEventsFunction>(App.Services).ReceiveSendGridEvents(request, default));
    }

    private Dictionary<string, string> Sign(string body, DateTimeOffset? at = null, ECDsa? key = null)
    {
        var timestamp = (at ?? App.Clock.GetUtcNow()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = (key ?? _key).SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return new() { [SendGridEvents.SignatureHeader] = Convert.ToBase64String(signature), [SendGridEvents.TimestampHeader] = timestamp };
    }

    private static string Batch(params JsonObject[] events) => new JsonArray([.. events]).ToJsonString();

    // An event as SendGrid sends it: the email's custom arguments sit beside SendGrid's own fields.
    private JsonObject Event(string type, string email, string? token, string id, bool machineOpen = false)
    {
        var e = new JsonObject
        {
            ["email"] = email,
            ["timestamp"] = App.Clock.GetUtcNow().ToUnixTimeSeconds(),
            ["event"] = type,
            ["sg_event_id"] = id,
            ["sg_message_id"] = "msg-1.filter0001",
            ["category"] = new JsonArray("post-purchase"),
            ["followUpId"] = "order-1",
        };
        if (token is not null)
        {
            e[SendGridEvents.TokenArgument] = token;
        }

        if (type == "open")
        {
            e["sg_machine_open"] = machineOpen;
        }

        return e;
    }
}
