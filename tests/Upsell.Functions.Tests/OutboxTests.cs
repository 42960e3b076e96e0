using System.Text;
using Upsell.Application.Catalog;
using Upsell.Infrastructure.FollowUps;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>Local development: without a SendGrid key the follow-up lands in the outbox folder.</summary>
[Collection(UsesAzurite.Name)]
public sealed class OutboxTests(Azurite azurite) : AzuriteTest(azurite)
{
    public override async Task InitializeAsync() => await DemoCatalogSeeder.SeedAsync(App.Get<CatalogAdmin>(), default);

    [Fact]
    public async Task Without_an_API_key_the_email_is_written_as_eml_and_html_to_the_outbox()
    {
        await App.PlaceAsync(FollowUps.Order("order-1", TestApp.Start));

        await App.RunTimerAtAsync(TestApp.Start.AddHours(25));

        var outbox = App.Configuration["Upsell:Email:OutboxPath"]!;
        var eml = await File.ReadAllTextAsync(Path.Combine(outbox, "order-1.eml"));
        Assert.Contains("To: <ada@example.com>\r\n", eml, StringComparison.Ordinal);
        Assert.Contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n", eml, StringComparison.Ordinal);
        Assert.Matches(@"List-Unsubscribe: <https://upsell\.example/api/unsubscribe\?token=u1\.[^>]+>, <mailto:unsubscribe@shop\.example\?subject=", eml);
        Assert.Contains("Content-Type: multipart/alternative;", eml, StringComparison.Ordinal);
        var subject = eml.Split("\r\n").Single(l => l.StartsWith("Subject: =?utf-8?B?", StringComparison.Ordinal));
        Assert.Equal("Danke für Ihre Bestellung: Socken für Ihre neuen Trailschuhe", Encoding.UTF8.GetString(Convert.FromBase64String(subject["Subject: =?utf-8?B?".Length..^2])));
        var html = await File.ReadAllTextAsync(Path.Combine(outbox, "order-1.html"));
        Assert.Contains("Socken für Ihre neuen Trailschuhe", html, StringComparison.Ordinal);
        Assert.Equal(FollowUpEntity.Sent, (await App.FollowUpAsync("order-1"))!.Status);
    }
}
