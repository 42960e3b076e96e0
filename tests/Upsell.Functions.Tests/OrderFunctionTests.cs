using System.Text;
using System.Text.Json;
using Upsell.Domain.Offers;
using Upsell.Domain.Orders;
using Upsell.Infrastructure.Queues;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

[Collection(UsesAzurite.Name)]
public sealed class OrderFunctionTests(Azurite azurite) : AzuriteTest(azurite)
{
    [Fact]
    public async Task A_signed_order_is_queued_and_answered_202()
    {
        var token = App.Token();
        var response = await App.PostOrderAsync(Outcomes.Order(lines: [Outcomes.Line("CAM-X100", "X100 camera", 89900), Outcomes.Line("SD-128", "128 GB card", 2499, upsellToken: token)]));

        Assert.Equal(202, response.Status);
        Assert.Equal(("order-1", 1), (response.Json.GetProperty("orderId").GetString(), response.Json.GetProperty("upsells").GetInt32()));
        var queued = JsonSerializer.Deserialize(Assert.Single(await App.OrderMessagesAsync()).Body.ToMemory().Span, QueueJson.Default.OrderMessage)!;
        var upsell = Assert.Single(queued.Upsells);
        Assert.Equal((1, 2499L, "cam-sd-card"), (upsell.Line, upsell.Revenue, upsell.Decision.OfferId));
        Assert.Equal(("ada@example.com", true, "Europe/Berlin"), (queued.Customer.Email, queued.Customer.MarketingConsent, queued.Customer.TimeZone));
    }

    public static TheoryData<string?> BadSignatures => new()
    {
        null,
        "",
        "sha256=",
        "sha256=" + new string('0', 64),
        "md5=" + new string('0', 64),
        "sha256=" + new string('z', 64),
    };

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task A_missing_or_bad_signature_is_401_and_nothing_is_queued(string? signature)
    {
        var response = await App.PostOrderAsync(Outcomes.Order(), _ => signature);

        Assert.Equal(401, response.Status);
        Assert.Equal([OrderSignature.Header], response.ProblemFields);
        Assert.Empty(await App.OrderMessagesAsync());
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_401()
    {
        var secret = Encoding.UTF8.GetBytes(App.Settings["Upsell:Orders:WebhookSecret"]!);
        var signed = JsonSerializer.SerializeToUtf8Bytes(Outcomes.Order(), JsonSerializerOptions.Web);

        var response = await App.PostOrderAsync(Outcomes.Order(lines: [Outcomes.Line("CAM-X100", "X100 camera", 1)]), _ => OrderSignature.Compute(signed, secret));

        Assert.Equal(401, response.Status);
        Assert.Empty(await App.OrderMessagesAsync());
    }

    [Fact]
    public async Task The_previous_secret_still_signs_during_a_rotation()
    {
        var previous = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var app = new TestApp(Azurite, new Dictionary<string, string?> { ["Upsell:Orders:PreviousWebhookSecret"] = previous });

        var response = await app.PostOrderAsync(Outcomes.Order(), body => OrderSignature.Compute(body, Encoding.UTF8.GetBytes(previous)));

        Assert.Equal(202, response.Status);
    }

    [Fact]
    public async Task An_invalid_order_names_every_bad_field()
    {
        var response = await App.PostOrderAsync(new
        {
            orderId = "order 1",
            placedAt = TestApp.Start.AddHours(2),
            currency = "EURO",
            total = -1,
            lines = new[] { new { sku = "", name = "<b>x</b>", unitPrice = -5, quantity = 0 } },
            customer = new { email = "not-an-address", marketingConsent = true, locale = "xx-NOPE", timeZone = "Mars/Olympus" },
        });

        Assert.Equal(400, response.Status);
        Assert.Equal(
            ["orderId", "placedAt", "currency", "total", "customer.email", "customer.locale", "customer.timeZone", "lines[0].sku", "lines[0].unitPrice", "lines[0].quantity"],
            response.ProblemFields);
        Assert.Empty(await App.OrderMessagesAsync());
    }

    [Fact]
    public async Task Consent_without_an_email_address_is_refused()
    {
        var response = await App.PostOrderAsync(Outcomes.Order(email: null));

        Assert.Equal(400, response.Status);
        Assert.Equal(["customer.email"], response.ProblemFields);
    }

    [Fact]
    public async Task Without_consent_the_email_address_is_not_even_queued()
    {
        var response = await App.PostOrderAsync(Outcomes.Order(consent: false));

        Assert.Equal(202, response.Status);
        var message = Assert.Single(await App.OrderMessagesAsync());
        Assert.DoesNotContain("ada@example.com", message.Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_upsell_token_keeps_the_order_but_attributes_nothing_and_says_so()
    {
        var response = await App.PostOrderAsync(Outcomes.Order(lines: [Outcomes.Line("CAM-X100", "X100 camera", 89900), Outcomes.Line("SD-128", "128 GB card", 2499, upsellToken: Outcomes.ForgedToken())]));

        Assert.Equal(202, response.Status);
        Assert.Equal(0, response.Json.GetProperty("upsells").GetInt32());
        var ignored = Assert.Single(response.Json.GetProperty("ignoredTokens").EnumerateArray());
        Assert.Equal(("lines[1].upsellToken", "has a bad signature"), (ignored.GetProperty("field").GetString(), ignored.GetProperty("message").GetString()));
        var queued = JsonSerializer.Deserialize(Assert.Single(await App.OrderMessagesAsync()).Body.ToMemory().Span, QueueJson.Default.OrderMessage)!;
        Assert.Empty(queued.Upsells);
        Assert.Equal(2, queued.Lines.Count);
    }

    [Fact]
    public async Task A_follow_up_emails_token_is_honoured_for_days_while_a_storefront_token_expires_after_its_max_age()
    {
        var threeDaysAgo = TestApp.Start.AddDays(-3);
        var email = App.Token(offerId: "trail-socks", experiment: null, moment: Moment.PostPurchase, issuedAt: threeDaysAgo);
        var storefront = App.Token(issuedAt: threeDaysAgo);

        var response = await App.PostOrderAsync(Outcomes.Order(lines: [
            Outcomes.Line("SOCK-TRAIL", "Trail socks", 1499, upsellToken: email),
            Outcomes.Line("SD-128", "128 GB card", 2499, upsellToken: storefront)]));

        Assert.Equal(202, response.Status);
        Assert.Equal(1, response.Json.GetProperty("upsells").GetInt32());
        var ignored = Assert.Single(response.Json.GetProperty("ignoredTokens").EnumerateArray());
        Assert.Equal(("lines[1].upsellToken", "has expired"), (ignored.GetProperty("field").GetString(), ignored.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task A_follow_up_emails_token_expires_after_EmailMaxAgeDays()
    {
        var response = await App.PostOrderAsync(Outcomes.Order(lines: [Outcomes.Line("SOCK-TRAIL", "Trail socks", 1499,
            upsellToken: App.Token(offerId: "trail-socks", experiment: null, moment: Moment.PostPurchase, issuedAt: TestApp.Start.AddDays(-8)))]));

        Assert.Equal("has expired", Assert.Single(response.Json.GetProperty("ignoredTokens").EnumerateArray()).GetProperty("message").GetString());
    }
}
