using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SendGrid;
using Upsell.Domain.Affinity;
using Upsell.Domain.Bandits;
using Upsell.Domain.Decisions;
using Upsell.Domain.FollowUps;
using Upsell.Domain.Statistics;
using Upsell.Domain.Tokens;
using Upsell.Infrastructure.Affinity;
using Upsell.Infrastructure.Bandits;
using Upsell.Infrastructure.Catalog;
using Upsell.Infrastructure.Connectors;
using Upsell.Infrastructure.FollowUps;
using Upsell.Infrastructure.Orders;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Queues;
using Upsell.Infrastructure.Shoppers;
using Upsell.Infrastructure.Storage;
using Upsell.Infrastructure.Telemetry;
using Upsell.Infrastructure.Tokens;

namespace Upsell.Infrastructure;

public static class ServiceCollectionExtensions
{
    /// <summary>The storage account comes from the Functions host's own setting, a connection string or identity-based.</summary>
    public const string StorageConnection = "AzureWebJobsStorage";

    /// <summary>
    /// An account of its own for the stats table, in the same forms (connection string, or identity-based
    /// __tableServiceUri / __accountName with __credential and __clientId), so recording does not compete with the
    /// host's queues and leases; absent or empty: the stats table lives beside the others.
    /// </summary>
    public const string StatsStorageConnection = "UpsellStatsStorage";

    /// <summary>The same queues, their messages read as the text stored: a poison message that is not base64 can be reported.</summary>
    public const string RawQueues = "UpsellRawQueues";

    /// <summary>
    /// The adapters: every options class bound and validated, the storage clients (with retries and self-healing
    /// tables), the tables, queues, stores, snapshots and signers, and the mail sender (SendGrid, or the outbox).
    /// </summary>
    public static IServiceCollection AddUpsellInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        UnresolvedSecrets.ThrowIfAny(configuration);
        services.AddUpsellOptions();
        services.AddStorage(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<UpsellMetrics>();
        services.AddSingleton<CatalogStore>();
        services.AddSingleton<CatalogSnapshotProvider>();
        services.AddSingleton<ShopperStateStore>();
        services.AddSingleton(sp => new OfferEngine(sp.GetRequiredService<IOptions<DecisionOptions>>().Value));
        services.AddSingleton(sp =>
        {
            var tokens = sp.GetRequiredService<IOptions<TokenOptions>>().Value;
            return new DecisionTokenSigner(SigningKeys.Decode(tokens.SigningKey)!, SigningKeys.Decode(tokens.PreviousSigningKey));
        });
        services.AddSingleton<Traffic.AddressBuckets>();
        services.AddSingleton<Traffic.EventBudget>();
        services.AddSingleton<UpsellQueues>();
        services.AddSingleton<RefundLedger>();
        services.AddSingleton<OrderCancellations>();
        services.AddSingleton<TokenClaims>();
        services.AddSingleton<OrderMarkers>();
        services.AddSingleton<StatsWriter>();
        services.AddSingleton<StatsReader>();
        services.AddSingleton<ChangedDays>();
        services.AddSingleton<StatsRollup>();
        services.AddSingleton<RollupReader>();
        services.AddSingleton<ICounterSource>(sp => sp.GetRequiredService<RollupReader>());
        services.AddSingleton<StatsIndex>();
        services.AddSingleton<Shops.ShopHttp>();
        services.AddSingleton<Shops.ShopifySessionTokens>();
        services.AddSingleton<Shops.ShopifyPostPurchaseTokens>();
        services.AddSingleton<Shops.ShopifyChangesets>();
        services.AddSingleton<Shops.ShopifyPriceGrants>();
        services.AddSingleton<Shops.ShopifyProducts>();
        services.AddSingleton<Shops.WooCommerceProducts>();
        services.AddSingleton<ReallocationStore>();
        services.AddSingleton<AffinityWriter>();
        services.AddSingleton<NeighbourStore>();
        services.AddSingleton<AffinitySnapshotProvider>();
        services.AddMail(configuration);
        return services;
    }

    private static void AddUpsellOptions(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PreviewOptions>().BindConfiguration(PreviewOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DecisionOptions>().BindConfiguration(DecisionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TokenOptions>().BindConfiguration(TokenOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RecordingOptions>().BindConfiguration(RecordingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OrderOptions>().BindConfiguration(OrderOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FollowUpOptions>().BindConfiguration(FollowUpOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AffinityOptions>().BindConfiguration(AffinityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BanditOptions>().BindConfiguration(BanditOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<UnsubscribeOptions>().BindConfiguration(UnsubscribeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ShopifyOptions>().BindConfiguration(ShopifyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WooCommerceOptions>().BindConfiguration(WooCommerceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Traffic.TrafficOptions>().BindConfiguration(Traffic.TrafficOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Retention.RetentionOptions>().BindConfiguration(Retention.RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
    }

    private static void AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var separateStats = IsSet(configuration.GetSection(StatsStorageConnection));
        services.AddAzureClients(clients =>
        {
            AddStorageClients(clients, configuration.GetSection(StorageConnection));
            if (separateStats)
            {
                AddTableClient(clients, configuration.GetSection(StatsStorageConnection), StatsStorageConnection);
            }
            clients.ConfigureDefaults(options =>
            {
                options.Retry.Mode = RetryMode.Exponential;
                options.Retry.MaxRetries = storage.MaxRetries;
                options.Retry.Delay = TimeSpan.FromMilliseconds(storage.RetryDelayMilliseconds);
                options.Retry.MaxDelay = TimeSpan.FromSeconds(storage.MaxRetryDelaySeconds);
                options.Retry.NetworkTimeout = TimeSpan.FromSeconds(storage.NetworkTimeoutSeconds);
            });
        });
        services.AddSingleton(sp => new UpsellTables(
            sp.GetRequiredService<TableServiceClient>(),
            separateStats ? sp.GetRequiredService<IAzureClientFactory<TableServiceClient>>().CreateClient(StatsStorageConnection) : null,
            sp.GetRequiredService<IOptions<StorageOptions>>()));
    }

    // The Functions host's own conventions: a connection string, or identity-based service URIs (or an account
    // name) with "credential" and "clientId" for a user-assigned managed identity.
    private static void AddStorageClients(AzureClientFactoryBuilder clients, IConfigurationSection storage)
    {
        if (!string.IsNullOrEmpty(storage.Value))
        {
            clients.AddTableServiceClient(storage.Value).ConfigureOptions(HealMissingTables);
            clients.AddQueueServiceClient(storage.Value).ConfigureOptions(options => options.MessageEncoding = QueueMessageEncoding.Base64);
            clients.AddQueueServiceClient(storage.Value).WithName(RawQueues).ConfigureOptions(options => options.MessageEncoding = QueueMessageEncoding.None);
            return;
        }

        var (tables, queues) = (ServiceUri(storage, "table"), ServiceUri(storage, "queue"));
        if (tables is null || queues is null)
        {
            throw new InvalidOperationException(
                $"Set {StorageConnection} to a connection string, or {StorageConnection}__tableServiceUri and __queueServiceUri (or __accountName) for a managed identity.");
        }

        clients.AddTableServiceClient(new Uri(tables)).ConfigureOptions(HealMissingTables);
        clients.AddQueueServiceClient(new Uri(queues)).ConfigureOptions(options => options.MessageEncoding = QueueMessageEncoding.Base64);
        clients.AddQueueServiceClient(new Uri(queues)).WithName(RawQueues).ConfigureOptions(options => options.MessageEncoding = QueueMessageEncoding.None);
        clients.UseCredential(CredentialOf(storage));
    }

    private static bool IsSet(IConfigurationSection section) => !string.IsNullOrWhiteSpace(section.Value) || ServiceUri(section, "table") is not null;

    // "{kind}ServiceUri", or the public-cloud endpoint of "accountName"; an empty setting counts as none.
    private static string? ServiceUri(IConfigurationSection storage, string kind) =>
        storage[$"{kind}ServiceUri"] is { Length: > 0 } uri ? uri
        : storage["accountName"] is { Length: > 0 } account ? $"https://{account}.{kind}.core.windows.net"
        : null;

    // The stats account: a table client only, named, with the same credential conventions as the host's account.
    private static void AddTableClient(AzureClientFactoryBuilder clients, IConfigurationSection storage, string name)
    {
        if (!string.IsNullOrWhiteSpace(storage.Value))
        {
            clients.AddTableServiceClient(storage.Value).WithName(name).ConfigureOptions(HealMissingTables);
            return;
        }

        clients.AddTableServiceClient(new Uri(ServiceUri(storage, "table")!)).WithName(name).WithCredential(CredentialOf(storage))
            .ConfigureOptions(HealMissingTables);
    }

    private static void HealMissingTables(TableClientOptions options, IServiceProvider services) =>
        options.AddPolicy(new MissingTablePolicy((table, ct) => services.GetRequiredService<UpsellTables>().RecreateAsync(table, ct)), HttpPipelinePosition.PerCall);

    private static TokenCredential CredentialOf(IConfigurationSection storage)
    {
        var clientId = storage["clientId"];
        return string.Equals(storage["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(string.IsNullOrEmpty(clientId) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
    }

    private static void AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AddressBook>();
        services.AddSingleton<SendGridEvents>();
        services.AddSingleton(sp =>
        {
            var unsubscribe = sp.GetRequiredService<IOptions<UnsubscribeOptions>>().Value;
            return new UnsubscribeTokenSigner(unsubscribe.KeyBytes, unsubscribe.PreviousKeyBytes);
        });

        var email = configuration.GetSection(EmailOptions.SectionName).Get<EmailOptions>() ?? new EmailOptions();
        if (!email.UsesSendGrid)
        {
            services.AddSingleton<IMailSender, OutboxMailer>();
            return;
        }

        // One HttpClient for every SendGrid request, its connections renewed now and then so DNS changes are seen.
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmailOptions>>().Value;
            var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                Timeout = TimeSpan.FromSeconds(options.SendTimeoutSeconds),
            };
            return new SendGridClient(http, new SendGridClientOptions { ApiKey = options.SendGridApiKey, Host = options.SendGridHost });
        });
        services.AddSingleton<IMailSender, SendGridMailer>();
    }
}
