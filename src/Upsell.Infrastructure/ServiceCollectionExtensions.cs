using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Upsell.Domain.Decisions;
using Upsell.Domain.Tokens;
using Upsell.Infrastructure.Catalog;
using Upsell.Infrastructure.Offers;
using Upsell.Infrastructure.Shoppers;
using Upsell.Infrastructure.Storage;
using Upsell.Infrastructure.Tokens;

namespace Upsell.Infrastructure;

public static class ServiceCollectionExtensions
{
    /// <summary>The storage account comes from the Functions host's own setting, a connection string or identity-based.</summary>
    public const string StorageConnection = "AzureWebJobsStorage";

    public static IServiceCollection AddUpsellInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DecisionOptions>().BindConfiguration(DecisionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TokenOptions>().BindConfiguration(TokenOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddAzureClients(clients => clients.AddTableServiceClient(configuration.GetSection(StorageConnection)));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<UpsellTables>();
        services.AddSingleton<CatalogStore>();
        services.AddSingleton<CatalogSnapshotProvider>();
        services.AddSingleton<CatalogAdmin>();
        services.AddHostedService<DemoCatalogSeeder>();
        services.AddSingleton<ShopperStateStore>();
        services.AddSingleton(sp => new OfferEngine(sp.GetRequiredService<IOptions<DecisionOptions>>().Value));
        services.AddSingleton(sp =>
        {
            var tokens = sp.GetRequiredService<IOptions<TokenOptions>>().Value;
            return new DecisionTokenSigner(TokenOptions.Decode(tokens.SigningKey)!, TokenOptions.Decode(tokens.PreviousSigningKey));
        });
        services.AddSingleton<OfferDecisionService>();
        return services;
    }
}
