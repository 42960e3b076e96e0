using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Application.Affinity;
using Upsell.Application.Bandits;
using Upsell.Application.Catalog;
using Upsell.Application.Erasure;
using Upsell.Application.FollowUps;
using Upsell.Application.Offers;
using Upsell.Application.Operations;
using Upsell.Application.Recording;
using Upsell.Application.Reports;
using Upsell.Infrastructure;

namespace Upsell.Application;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The application: what the functions call to decide, record, report, follow up, reallocate, learn, erase and
    /// operate, over the adapters of <see cref="Infrastructure.ServiceCollectionExtensions.AddUpsellInfrastructure"/>.
    /// </summary>
    public static IServiceCollection AddUpsellApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddUpsellInfrastructure(configuration);
        services.AddSingleton<CatalogAdmin>();
        services.AddHostedService<DemoCatalogSeeder>();
        services.AddSingleton<OfferDecisionService>();
        services.AddSingleton<Shopify.PostPurchaseOffers>();
        services.AddSingleton<EventRecorder>();
        services.AddSingleton<Retention.RowExpiry>();
        services.AddSingleton<OrderRecorder>();
        services.AddSingleton<Intake.OrderIntake>();
        services.AddSingleton<RefundRecorder>();
        services.AddSingleton<ReportService>();
        services.AddSingleton<ProductFinder>();
        services.AddSingleton<FollowUpMailBuilder>();
        services.AddSingleton<FollowUpSender>();
        services.AddSingleton<EmailEvents>();
        services.AddSingleton<BanditService>();
        services.AddSingleton<AffinityBuilder>();
        services.AddSingleton<OrderEraser>();
        services.AddSingleton<CustomerEraser>();
        services.AddSingleton<ShopEraser>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<OperationsService>(sp,
            sp.GetRequiredService<IAzureClientFactory<QueueServiceClient>>().CreateClient(Infrastructure.ServiceCollectionExtensions.RawQueues)));
        return services;
    }
}
