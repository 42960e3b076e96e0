using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Application;

namespace Upsell.Benchmarks;

/// <summary>The application's own services for a load run: fresh tables in the given storage, every required setting set.</summary>
internal static class BenchServices
{
    public static ServiceProvider Build(string storage, IEnumerable<KeyValuePair<string, string?>>? settings = null, TimeProvider? time = null, Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage,
            ["Upsell:Storage:TablePrefix"] = "bench" + Guid.NewGuid().ToString("N")[..12],
            ["Upsell:Tokens:SigningKey"] = Key(),
            ["Upsell:Orders:WebhookSecret"] = Key(),
            ["Upsell:Unsubscribe:SigningKey"] = Key(),
            ["Upsell:Unsubscribe:Mailbox"] = "unsubscribe@shop.example",
            ["Upsell:Email:ShopName"] = "Bench Shop",
            ["Upsell:Email:ShopAddress"] = "Musterstraße 1, 10115 Berlin",
            ["Upsell:Email:OfferUrlTemplate"] = "https://shop.example/cart/add?sku={sku}&upsell={token}",
            ["Upsell:Decisions:HoldoutPercent"] = "0",
            ["Upsell:Decisions:HoldoutSalt"] = Key(),
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddUpsellApplication(configuration);
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    private static string Key() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
