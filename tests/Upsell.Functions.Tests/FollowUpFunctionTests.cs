using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Application.Catalog;
using Upsell.Domain.Decisions;
using Upsell.Domain.FollowUps;
using Upsell.Domain.Offers;
using Upsell.Domain.Outcomes;
using Upsell.Functions.FollowUps;
using Upsell.Infrastructure.FollowUps;
using Upsell.Infrastructure.Outcomes;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>
/// The follow-up timer against Azurite, with a local HTTP server in SendGrid's place: the requests it receives are
/// the emails that went out. Orders come in through the signed webhook and the orders queue function.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class FollowUpFunctionTests(Azurite azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Placed = TestApp.Start; // 13:00 in Berlin
    private SendGridStandIn _sendGrid = null!;
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        _sendGrid = await SendGridStandIn.StartAsync();
        _app = new TestApp(azurite, SendGridSettings(_sendGrid));
        await DemoCatalogSeeder.SeedAsync(_app.Get<CatalogAdmin>(), default);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _sendGrid.DisposeAsync();
    }

    internal static Dictionary<string, string?> SendGridSettings(SendGridStandIn sendGrid) => new()
    {
        ["Upsell:Email:SendGridApiKey"] = "SG.test-key",
        ["Upsell:Email:SendGridHost"] = sendGrid.Url,
        ["Upsell:Email:FromAddress"] = "hello@trail.example",
        ["Upsell:Email:SendTimeoutSeconds"] = "10",
        ["Upsell:FollowUps:ShopTimeZone"] = "Europe/Berlin",
    };

    [Fact]
    public async Task Nothing_is_sent_before_24_hours()
    {
        await _app.PlaceAsync(FollowUps.Order("order-1", Placed));

        await _app.RunTimerAtAsync(Placed.AddHours(24).AddMinutes(-1));

        Assert.Empty(_sendGrid.Requests);
        Assert.Equal(FollowUpEntity.Pending, (await _app.FollowUpAsync("order-1"))!.Status);
    }

    [Fact]
    public async Task One_email_goes_out_inside_the_window_as_exactly_this_SendGrid_request()
    {
        await _app.PlaceAsync(FollowUps.Order("order-1", Placed));

        await _app.RunTimerAtAsync(Placed.AddHours(24));
        await _app.RunTimerAtAsync(Placed.AddHours(30));
        await _app.RunTimerAtAsync(Placed.AddHours(50));

        var request = Assert.Single(_sendGrid.Requests);
        Assert.Equal(("POST", "/v3/mail/send", "Bearer SG.test-key"), (request.Method, request.Path, request.Authorization));
        Assert.Equal("hello@trail.example", request.Body.GetProperty("from").GetProperty("email").GetString());
        Assert.Equal("Trail & Co", request.Body.GetProperty("from").GetProperty("name").GetString());
        Assert.Equal("ada@example.com", request.To);
        Assert.Equal("Danke für Ihre Bestellung: Socken für Ihre neuen Trailschuhe", request.Subject);
        Assert.Equal(["text/plain", "text/html"], request.Body.GetProperty("content").EnumerateArray().Select(c => c.GetProperty("type").GetString()));
        Assert.Contains("Trail shoes", request.Content("text/html"), StringComparison.Ordinal);
        Assert.Contains("14,99 €", request.Content("text/html"), StringComparison.Ordinal);
        Assert.Contains("Hauptstraße 1, 10115 Berlin, Germany", request.Content("text/plain"), StringComparison.Ordinal);
        Assert.Contains("https://shop.example/cart/add?sku=SOCK-TRAIL&upsell=v2.", request.Content("text/plain"), StringComparison.Ordinal);
        Assert.Equal(["post-purchase"], request.Body.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        // The follow-up's id, and the offer's decision token (the one in the link), which SendGrid hands back with its events.
        var args = request.Personalization.GetProperty("custom_args");
        Assert.Equal(["followUpId", "offerId", "upsellToken"], args.EnumerateObject().Select(a => a.Name));
        Assert.Equal(("order-1", "trail-socks"), (args.GetProperty("followUpId").GetString(), args.GetProperty("offerId").GetString()));
        Assert.False(request.Body.TryGetProperty("template_id", out _));
        Assert.False(request.Body.TryGetProperty("asm", out _));
        Assert.Contains("&upsell=" + Uri.EscapeDataString(args.GetProperty("upsellToken").GetString()!), request.Content("text/plain"), StringComparison.Ordinal);

        var row = (await _app.FollowUpAsync("order-1"))!;
        Assert.Equal((FollowUpEntity.Sent, "trail-socks", Placed.AddHours(24)), (row.Status, row.OfferId, row.SentAt));
        Assert.StartsWith("msg-", row.MessageId, StringComparison.Ordinal);
        Assert.Null(row.Email);
    }

    [Fact]
    public async Task The_email_is_counted_as_the_post_purchase_moments_impression_and_exposure()
    {
        await _app.PlaceAsync(FollowUps.Order("order-1", Placed));

        await _app.RunTimerAtAsync(Placed.AddHours(25));

        var messages = await _app.EventMessagesAsync();
        foreach (var message in messages)
        {
            await _app.RecordEventsAsync(message);
            await _app.RecordEventsAsync(message.Redelivered(2));
        }

        var reader = _app.Get<StatsReader>();
        var totals = await reader.TotalAsync(new StatsGroup(Moment.PostPurchase, null, null, null, "trail-socks"), default);
        var treated = await ((ICounterSource)reader).SumAsync(StatsKeys.Programme(_app.Get<OfferEngine>().HoldoutPhase, false, "post-purchase"), DateOnly.MinValue, DateOnly.MaxValue, default);
        Assert.Equal(2, messages.Count);
        Assert.Equal((1L, 1L), (totals.Impressions, totals.Visitors));
        Assert.Equal(1L, treated.Visitors);
    }

    [Fact]
    public async Task Nothing_is_sent_after_72_hours_and_the_address_is_purged()
    {
        await _app.PlaceAsync(FollowUps.Order("order-1", Placed));

        await _app.RunTimerAtAsync(Placed.AddHours(72));

        Assert.Empty(_sendGrid.Requests);
        var row = (await _app.FollowUpAsync("order-1"))!;
        Assert.Equal((FollowUpEntity.Skipped, "expired"), (row.Status, row.Reason));
        Assert.Null(row.Email);
    }

    [Fact]
    public async Task A_follow_up_due_in_the_recipients_quiet_hours_goes_out_at_08_00_their_time()
    {
        // Placed at 21:30 in New York (02:30 UTC): due at 21:30 there the next day, in the quiet hours.
        var placed = new DateTimeOffset(2026, 11, 25, 2, 30, 0, TimeSpan.Zero);
        await _app.PlaceAsync(FollowUps.Order("order-ny", placed, timeZone: "America/New_York", locale: "en-US"));

        await _app.RunTimerAtAsync(placed.AddHours(24));
        await _app.RunTimerAtAsync(new DateTimeOffset(2026, 11, 26, 12, 59, 0, TimeSpan.Zero)); // 07:59 EST
        Assert.Empty(_sendGrid.Requests);

        await _app.RunTimerAtAsync(new DateTimeOffset(2026, 11, 26, 13, 0, 0, TimeSpan.Zero)); // 08:00 EST
        Assert.Equal("Thanks for your order: Socks made for your new trail shoes", Assert.Single(_sendGrid.Requests).Subject);
    }

    [Fact]
    public async Task On_the_spring_forward_day_the_quiet_hours_end_at_08_00_summer_time()
    {
        // Due at 22:30 CET on 27 March 2027; that night Berlin moves to CEST, so 08:00 is 06:00 UTC, not 07:00.
        var placed = new DateTimeOffset(2027, 3, 26, 21, 30, 0, TimeSpan.Zero);
        await _app.PlaceAsync(FollowUps.Order("order-dst", placed));

        await _app.RunTimerAtAsync(placed.AddHours(24));
        await _app.RunTimerAtAsync(new DateTimeOffset(2027, 3, 28, 5, 59, 0, TimeSpan.Zero));
        Assert.Empty(_sendGrid.Requests);

        await _app.RunTimerAtAsync(new DateTimeOffset(2027, 3, 28, 6, 0, 0, TimeSpan.Zero));
        Assert.Single(_sendGrid.Requests);
    }

    [Fact]
    public async Task Without_a_time_zone_the_shops_quiet_hours_apply()
    {
        // 20:30 UTC is 21:30 in Berlin, the shop's zone: quiet until 08:00 there (07:00 UTC).
        var placed = new DateTimeOffset(2026, 11, 24, 20, 30, 0, TimeSpan.Zero);
        await _app.PlaceAsync(FollowUps.Order("order-nz", placed, timeZone: null));

        await _app.RunTimerAtAsync(placed.AddHours(24));
        Assert.Empty(_sendGrid.Requests);

        await _app.RunTimerAtAsync(new DateTimeOffset(2026, 11, 26, 7, 0, 0, TimeSpan.Zero));
        Assert.Single(_sendGrid.Requests);
    }

    [Theory]
    [InlineData(0, "Thanks for your order: Learn your new camera in a weekend")]
    [InlineData(3, null)]
    public async Task The_customers_earlier_orders_decide_first_time_buyer_offers(int orderCount, string? subject)
    {
        var order = JsonSerializer.SerializeToNode(FollowUps.Order("order-cam", Placed, locale: "en-GB", lines: new { sku = "CAM-X100", name = "Camera X100", category = "cameras", unitPrice = 89900, quantity = 1 }), JsonSerializerOptions.Web)!;
        order["customer"]!["orderCount"] = orderCount;
        await _app.PlaceAsync(order, Placed);

        await _app.RunTimerAtAsync(Placed.AddHours(25));

        Assert.Equal(subject, _sendGrid.Requests.SingleOrDefault()?.Subject);
    }

    [Fact]
    public async Task Without_marketing_consent_nothing_is_sent()
    {
        await _app.PlaceAsync(FollowUps.Order("order-1", Placed, consent: false));

        await _app.RunTimerAtAsync(Placed.AddHours(30));

        Assert.Empty(_sendGrid.Requests);
        Assert.Null(await _app.FollowUpAsync("order-1"));
    }

    [Fact]
    public async Task Two_overlapping_runs_send_each_email_once()
    {
        for (var i = 0; i < 20; i++)
        {
            await _app.PlaceAsync(FollowUps.Order($"order-{i}", Placed, email: $"shopper{i}@example.com"));
        }

        await using var otherWorker = new TestApp(azurite, _app.Settings);
        _app.Clock.SetUtcNow(Placed.AddHours(25));
        otherWorker.Clock.SetUtcNow(Placed.AddHours(25));
        _sendGrid.Latency = TimeSpan.FromMilliseconds(50);

        await Task.WhenAll(_app.RunTimerAsync(), otherWorker.RunTimerAsync(), _app.RunTimerAsync());

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"order-{i}").Order(), _sendGrid.Requests.Select(r => r.FollowUpId).Order());
    }

    [Fact]
    public async Task A_429_is_retried_after_SendGrids_reset_time_and_the_email_goes_out_once()
    {
        await _app.PlaceAsync(FollowUps.Order("order-1", Placed));
        var now = Placed.AddHours(25);
        var reset = now.AddMinutes(7);
        _sendGrid.Enqueue(429, new Dictionary<string, string> { ["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) });

        await _app.RunTimerAtAsync(now);
        await _app.RunTimerAtAsync(now.AddMinutes(5));
        Assert.Single(_sendGrid.Requests);
        Assert.Equal((FollowUpEntity.Pending, reset), ((await _app.FollowUpAsync("order-1"))!.Status, (await _app.FollowUpAsync("order-1"))!.NextAttemptAt));

        await _app.RunTimerAtAsync(now.AddMinutes(10));
        await _app.RunTimerAtAsync(now.AddMinutes(15));

        Assert.Equal(["order-1", "order-1"], _sendGrid.Requests.Select(r => r.FollowUpId));
        Assert.Equal(FollowUpEntity.Sent, (await _app.FollowUpAsync("order-1"))!.Status);
    }

    [Fact]
    public async Task A_429_stops_the_run_from_sending_more_before_the_reset()
    {
        for (var i = 0; i < 3; i++)
        {
            await _app.PlaceAsync(FollowUps.Order($"order-{i}", Placed, email: $"shopper{i}@example.com"));
        }

        var settings = new Dictionary<string, string?>(_app.Settings) { ["Upsell:FollowUps:MaxConcurrency"] = "1" };
        await using var oneAtATime = new TestApp(azurite, settings);
        var now = Placed.AddHours(25);
        _sendGrid.Enqueue(429, new Dictionary<string, string> { ["X-RateLimit-Reset"] = now.AddMinutes(7).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) });

        await oneAtATime.RunTimerAtAsync(now);
        Assert.Single(_sendGrid.Requests);

        await oneAtATime.RunTimerAtAsync(now.AddMinutes(10));
        Assert.Equal(4, _sendGrid.Requests.Count);
        Assert.Equal(3, _sendGrid.Requests.Select(r => r.FollowUpId).Distinct().Count());
    }

    [Fact]
    public async Task A_500_is_retried_on_a_later_run()
    {
        await _app.PlaceAsync(FollowUps.Order("order-1", Placed));
        var now = Placed.AddHours(25);
        _sendGrid.Enqueue(500);

        await _app.RunTimerAtAsync(now);
        await _app.RunTimerAtAsync(now.AddMinutes(5));
        Assert.Single(_sendGrid.Requests);

        await _app.RunTimerAtAsync(now.AddMinutes(15));

        Assert.Equal(2, _sendGrid.Requests.Count);
        var row = (await _app.FollowUpAsync("order-1"))!;
        Assert.Equal((FollowUpEntity.Sent, 1), (row.Status, row.Attempts));
    }

    [Fact]
    public async Task A_timeout_leaves_the_follow_up_unknown_and_it_is_not_sent_again()
    {
        var settings = new Dictionary<string, string?>(_app.Settings) { ["Upsell:Email:SendTimeoutSeconds"] = "1" };
        await using var impatient = new TestApp(azurite, settings);
        await impatient.PlaceAsync(FollowUps.Order("order-1", Placed));
        _sendGrid.Enqueue(202, delay: TimeSpan.FromSeconds(5));

        await impatient.RunTimerAtAsync(Placed.AddHours(25));
        await impatient.RunTimerAtAsync(Placed.AddHours(26));
        await impatient.RunTimerAtAsync(Placed.AddHours(40));

        Assert.Single(_sendGrid.Requests);
        var row = (await impatient.FollowUpAsync("order-1"))!;
        Assert.Equal((FollowUpEntity.Unknown, "timed out"), (row.Status, row.Reason));
        Assert.Null(row.Email);
        Assert.Contains(impatient.Logs.Entries, e => e.Message.Contains("order-1 got no answer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_interrupted_mid_send_leaves_the_follow_up_unknown_not_sent_twice()
    {
        await _app.PlaceAsync(FollowUps.Order("order-1", Placed));
        var row = (await _app.FollowUpAsync("order-1"))!;
        row.Status = FollowUpEntity.Claimed;
        row.ClaimedUntil = Placed.AddHours(25).AddMinutes(10);
        var table = await _app.Get<Upsell.Infrastructure.Storage.UpsellTables>().FollowUpsAsync(default);
        await table.UpdateEntityAsync(row, row.ETag);

        await _app.RunTimerAtAsync(Placed.AddHours(25).AddMinutes(5));
        Assert.Equal(FollowUpEntity.Claimed, (await _app.FollowUpAsync("order-1"))!.Status);
        await _app.RunTimerAtAsync(Placed.AddHours(25).AddMinutes(11));

        Assert.Empty(_sendGrid.Requests);
        Assert.Equal((FollowUpEntity.Unknown, "interrupted"), ((await _app.FollowUpAsync("order-1"))!.Status, (await _app.FollowUpAsync("order-1"))!.Reason));
    }

    [Fact]
    public async Task An_HTML_injection_in_a_product_name_arrives_encoded()
    {
        await _app.PlaceAsync(FollowUps.Order("order-1", Placed, lines: Outcomes.Line("SHOE-TRAIL", "<script>alert('x')</script><b>Trail</b> shoes", 12900)));

        await _app.RunTimerAtAsync(Placed.AddHours(25));

        var html = Assert.Single(_sendGrid.Requests).Content("text/html");
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;b&gt;Trail&lt;/b&gt; shoes", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_unsubscribe_headers_are_present_and_the_link_unsubscribes_in_one_click()
    {
        await _app.PlaceAsync(FollowUps.Order("order-1", Placed));
        await _app.RunTimerAtAsync(Placed.AddHours(25));
        var request = Assert.Single(_sendGrid.Requests);

        var header = request.Header("List-Unsubscribe");
        Assert.Matches(@"^<https://upsell\.example/api/unsubscribe\?token=u1\.[^>]+>, <mailto:unsubscribe@shop\.example\?subject=unsubscribe%20u1\.[^>]+>$", header);
        Assert.Equal("List-Unsubscribe=One-Click", request.Header("List-Unsubscribe-Post"));
        var token = FollowUps.TokenOf(FollowUps.HttpsLink(header));

        var page = await ShowAsync(token);
        Assert.Equal((200, "text/html; charset=utf-8"), (page.Status, page.ContentType));
        Assert.Contains("<form method=\"post\"", page.Body, StringComparison.Ordinal);
        Assert.True(await _app.Get<AddressBook>().BarredAsync(EmailAddressKey.Of("ada@example.com"), default) is null, "Opening the link must not unsubscribe.");

        Assert.Equal(200, (await UnsubscribeAsync(token)).Status);
        Assert.Equal("unsubscribed", await _app.Get<AddressBook>().BarredAsync(EmailAddressKey.Of("ada@example.com"), default));
    }

    [Fact]
    public async Task Every_unsubscribe_page_is_never_cached_framed_sniffed_or_referred_and_its_policy_allows_only_its_own_style()
    {
        var token = _app.Get<UnsubscribeTokenSigner>().Sign(EmailAddressKey.Of("ada@example.com"), Placed);

        foreach (var page in new[] { await ShowAsync(token), await ShowAsync("u1.bogus"), await UnsubscribeAsync(token) })
        {
            Assert.Equal(("nosniff", "no-store", "no-referrer"), (page.Headers.XContentTypeOptions.ToString(), page.Headers.CacheControl.ToString(), page.Headers["Referrer-Policy"].ToString()));
            var policy = page.Headers.ContentSecurityPolicy.ToString();
            Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("form-action 'self'", policy, StringComparison.Ordinal);
            // The one style element is allowed by its hash, so the page keeps its look and nothing else may style it.
            var style = System.Text.RegularExpressions.Regex.Match(page.Body, "<style>(.*?)</style>").Groups[1].Value;
            var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(style)));
            Assert.Contains($"style-src 'sha256-{hash}'", policy, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unsubscribed_address_gets_no_more_emails_and_its_visitor_no_more_offers()
    {
        await _app.PlaceAsync(FollowUps.Order("order-1", Placed));
        var token = _app.Get<UnsubscribeTokenSigner>().Sign(EmailAddressKey.Of("ADA@example.com"), Placed);

        Assert.Equal(200, (await UnsubscribeAsync(token)).Status);
        await _app.PlaceAsync(FollowUps.Order("order-2", Placed.AddHours(1)));
        await _app.RunTimerAtAsync(Placed.AddHours(30));

        Assert.Empty(_sendGrid.Requests);
        Assert.Equal(("unsubscribed", "unsubscribed"), ((await _app.FollowUpAsync("order-1"))!.Reason, (await _app.FollowUpAsync("order-2"))!.Reason));
        var history = await _app.Get<Upsell.Infrastructure.Shoppers.ShopperStateStore>().LoadHistoryAsync("visitor-1", default);
        Assert.True(history.OptedOut);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task A_tampered_unsubscribe_token_is_refused_and_changes_nothing(string method)
    {
        var token = _app.Get<UnsubscribeTokenSigner>().Sign(EmailAddressKey.Of("ada@example.com"), Placed);
        var tampered = token.Replace(EmailAddressKey.Of("ada@example.com"), EmailAddressKey.Of("bob@example.com"), StringComparison.Ordinal);

        var response = method == "GET" ? await ShowAsync(tampered) : await UnsubscribeAsync(tampered);

        Assert.Equal(400, response.Status);
        Assert.Contains("has a bad signature", response.Body, StringComparison.Ordinal);
        Assert.Null(await _app.Get<AddressBook>().BarredAsync(EmailAddressKey.Of("bob@example.com"), default));
    }

    [Fact]
    public async Task Erasure_deletes_the_follow_ups_orders_unsubscribe_and_visitor_suppressions_of_an_address()
    {
        await _app.PlaceAsync(FollowUps.Order("order-1", Placed));
        await _app.PlaceAsync(FollowUps.Order("order-2", Placed.AddHours(2)));
        await _app.PlaceAsync(FollowUps.Order("order-3", Placed.AddHours(3), email: "bob@example.com", visitorId: "visitor-2"));
        Assert.Equal(200, (await UnsubscribeAsync(_app.Get<UnsubscribeTokenSigner>().Sign(EmailAddressKey.Of("ada@example.com"), Placed))).Status);

        var request = Http.Json(new { email = "Ada@Example.com" });
        var response = await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<EraseAddressFunction>(_app.Services).EraseAddress(request, default));

        Assert.Equal(200, response.Status);
        // The address's two follow-up links, its unsubscribe and its line in operations' list.
        Assert.Equal("""{"followUps":2,"orders":2,"addressRecords":4,"visitorRecords":1}""", response.Body);
        Assert.Empty(await _app.Get<AddressBook>().SuppressedAsync(default));
        Assert.Null(await _app.FollowUpAsync("order-1"));
        Assert.Null(await _app.FollowUpAsync("order-2"));
        Assert.NotNull(await _app.FollowUpAsync("order-3"));
        Assert.Equal(1, await _app.CountAsync((t, ct) => t.OrdersAsync(ct)));
        Assert.Null(await _app.Get<AddressBook>().BarredAsync(EmailAddressKey.Of("ada@example.com"), default));
        Assert.False((await _app.Get<Upsell.Infrastructure.Shoppers.ShopperStateStore>().LoadHistoryAsync("visitor-1", default)).OptedOut);
    }

    [Fact]
    public async Task Erasure_without_an_address_is_a_problem_naming_the_field()
    {
        var request = Http.Json(new { email = "not-an-address" });

        var response = await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<EraseAddressFunction>(_app.Services).EraseAddress(request, default));

        Assert.Equal(400, response.Status);
        Assert.Equal(["email"], response.ProblemFields);
    }

    private async Task<Http.Response> ShowAsync(string token)
    {
        var request = Http.Request("GET");
        request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?token=" + Uri.EscapeDataString(token));
        return await Http.ExecuteAsync(request, ActivatorUtilities.CreateInstance<UnsubscribeFunction>(_app.Services).ShowUnsubscribe(request));
    }

    private async Task<Http.Response> UnsubscribeAsync(string token)
    {
        var request = Http.Request("POST", "List-Unsubscribe=One-Click");
        request.ContentType = "application/x-www-form-urlencoded";
        request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?token=" + Uri.EscapeDataString(token));
        return await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<UnsubscribeFunction>(_app.Services).Unsubscribe(request, default));
    }
}
