using Upsell.Application.Catalog;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>
/// Where the follow-up tests start: the app against Azurite with the demo catalog, and a local stand-in for SendGrid
/// that receives what goes out (<see cref="FollowUpFunctionTests.SendGridSettings"/>, plus what <see cref="Configure"/> adds).
/// </summary>
public abstract class FollowUpTest(Azurite azurite) : IAsyncLifetime
{
    protected static readonly DateTimeOffset Placed = TestApp.Start;

    protected Azurite Azurite => azurite;

    protected SendGridStandIn SendGrid { get; private set; } = null!;

    protected TestApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        SendGrid = await SendGridStandIn.StartAsync();
        var settings = FollowUpFunctionTests.SendGridSettings(SendGrid);
        Configure(settings);
        App = new TestApp(azurite, settings);
        await DemoCatalogSeeder.SeedAsync(App.Get<CatalogAdmin>(), default);
    }

    public virtual async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await SendGrid.DisposeAsync();
    }

    /// <summary>Settings the test class adds to SendGrid's.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }
}
