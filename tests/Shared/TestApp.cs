using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Upsell.Application;

namespace Upsell.Tests;

/// <summary>
/// The application's own service registrations, against Azurite, with tables of their own (a fresh prefix) and a
/// clock the test moves. Extra settings override the defaults, as app settings would.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public TestApp(Azurite azurite, IEnumerable<KeyValuePair<string, string?>>? settings = null, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var unique = Guid.NewGuid().ToString("N")[..16];
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Upsell:Storage:TablePrefix"] = "t" + unique,
            ["Upsell:Storage:RetryDelayMilliseconds"] = "10",
            ["Upsell:Queues:Events"] = $"events-{unique}",
            ["Upsell:Queues:Orders"] = $"orders-{unique}",
            ["Upsell:Queues:Refunds"] = $"refunds-{unique}",
            ["Upsell:Queues:Erasures"] = $"erasures-{unique}",
            ["Upsell:Tokens:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Upsell:Orders:WebhookSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Upsell:Shopify:WebhookSecret"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["Upsell:Shopify:ShopDomain"] = "trail-co.myshopify.com",
            ["Upsell:WooCommerce:WebhookSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
            ["Upsell:Decisions:HoldoutPercent"] = "0",
            ["Upsell:Decisions:HoldoutSalt"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
            ["Upsell:Email:ShopName"] = "Trail & Co",
            ["Upsell:Email:ShopAddress"] = "Hauptstraße 1, 10115 Berlin, Germany",
            ["Upsell:Email:OfferUrlTemplate"] = "https://shop.example/cart/add?sku={sku}&upsell={token}",
            ["Upsell:Email:OutboxPath"] = Path.Combine(Path.GetTempPath(), "upsell-outbox-" + unique),
            ["Upsell:Unsubscribe:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Upsell:Unsubscribe:BaseUrl"] = "https://upsell.example",
            ["Upsell:Unsubscribe:Mailbox"] = "unsubscribe@shop.example",
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        TablePrefix = values["Upsell:Storage:TablePrefix"]!;

        Configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var collection = new ServiceCollection().AddLogging(logging => logging.AddProvider(Logs)).AddSingleton(Configuration);
        collection.AddUpsellApplication(Configuration);
        collection.AddSingleton<TimeProvider>(Clock);
        services?.Invoke(collection);
        Services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public string TablePrefix { get; }

    public IConfiguration Configuration { get; }

    public TestClock Clock { get; } = new(Start);

    /// <summary>Everything the application logged.</summary>
    public LogCollector Logs { get; } = new();

    /// <summary>The settings as given, to start a second instance of the same application ("another worker").</summary>
    public IReadOnlyDictionary<string, string?> Settings => Configuration.AsEnumerable().ToDictionary(p => p.Key, p => p.Value);

    public ServiceProvider Services { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        var outbox = Configuration["Upsell:Email:OutboxPath"]!;
        if (Directory.Exists(outbox))
        {
            Directory.Delete(outbox, recursive: true);
        }
    }
}
