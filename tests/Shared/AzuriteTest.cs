namespace Upsell.Tests;

/// <summary>A test class with the application wired to Azurite in tables of its own, disposed after each test.</summary>
public abstract class AzuriteTest(Azurite azurite) : IAsyncLifetime
{
    protected Azurite Azurite { get; } = azurite;

    protected TestApp App { get; } = new(azurite);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await App.DisposeAsync();
}
