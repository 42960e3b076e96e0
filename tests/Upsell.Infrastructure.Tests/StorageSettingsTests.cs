using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Upsell.Infrastructure.Tests;

/// <summary>The storage account settings as the Functions host reads them: identity-based in Azure.</summary>
public class StorageSettingsTests
{
    private static readonly Dictionary<string, string?> Secrets = new()
    {
        ["Upsell:Tokens:SigningKey"] = Convert.ToBase64String(new byte[32]),
        ["Upsell:Orders:WebhookSecret"] = new string('s', 32),
        ["Upsell:Unsubscribe:SigningKey"] = Convert.ToBase64String(new byte[32]),
        ["Upsell:Decisions:HoldoutSalt"] = new string('h', 24),
    };

    [Fact]
    public void Identity_based_service_uris_give_clients_of_that_account_without_a_key()
    {
        using var services = Build(new()
        {
            ["AzureWebJobsStorage:tableServiceUri"] = "https://upsellabc.table.core.windows.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://upsellabc.queue.core.windows.net",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.Equal(new Uri("https://upsellabc.table.core.windows.net"), services.GetRequiredService<TableServiceClient>().Uri);
        Assert.Equal(new Uri("https://upsellabc.queue.core.windows.net"), services.GetRequiredService<QueueServiceClient>().Uri);
        Assert.False(services.GetRequiredService<QueueServiceClient>().CanGenerateAccountSasUri, "No account key is involved.");
    }

    [Fact]
    public void A_Key_Vault_reference_not_resolved_yet_stops_the_start_naming_the_setting_and_what_to_check()
    {
        var settings = new Dictionary<string, string?>(Secrets)
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Upsell:Tokens:SigningKey"] = "@Microsoft.KeyVault(SecretUri=https://kv-upsell.vault.azure.net/secrets/token-signing-key/)",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddUpsellInfrastructure(configuration));

        Assert.Contains("Upsell__Tokens__SigningKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("Key Vault Secrets User", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("base64", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_stats_table_can_live_in_an_account_of_its_own_and_otherwise_lives_beside_the_others()
    {
        var main = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:tableServiceUri"] = "https://upsellabc.table.core.windows.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://upsellabc.queue.core.windows.net",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
        };
        using var together = Build(new(main) { ["UpsellStatsStorage:tableServiceUri"] = "" });
        using var apart = Build(new(main)
        {
            ["UpsellStatsStorage:tableServiceUri"] = "https://upsellstats.table.core.windows.net",
            ["UpsellStatsStorage:credential"] = "managedidentity",
            ["UpsellStatsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.Equal(new Uri("https://upsellabc.table.core.windows.net"), together.GetRequiredService<Storage.UpsellTables>().StatsAccount);
        Assert.Equal(new Uri("https://upsellstats.table.core.windows.net"), apart.GetRequiredService<Storage.UpsellTables>().StatsAccount);
        Assert.Equal(new Uri("https://upsellabc.table.core.windows.net"), apart.GetRequiredService<TableServiceClient>().Uri);
    }

    [Fact]
    public void An_account_name_alone_gives_the_public_cloud_endpoints()
    {
        using var services = Build(new() { ["AzureWebJobsStorage:accountName"] = "upsellabc" });

        Assert.Equal("upsellabc", services.GetRequiredService<TableServiceClient>().AccountName);
        Assert.Equal(new Uri("https://upsellabc.queue.core.windows.net"), services.GetRequiredService<QueueServiceClient>().Uri);
    }

    [Fact]
    public void Without_any_storage_setting_the_error_says_what_to_set()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build([]));

        Assert.Contains("AzureWebJobsStorage__tableServiceUri", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> storage)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Secrets.Concat(storage)).Build();
        return new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddUpsellInfrastructure(configuration).BuildServiceProvider();
    }
}
