// The Function App on the Flex Consumption plan (.NET 10 isolated), running as the user-assigned identity:
// identity-based storage settings (no account keys), secrets as Key Vault references, HTTPS only, TLS 1.2, CORS
// limited to the storefront, and every setting the app reads.
@description('Azure region.')
param location string

@description('The Function App\'s name; the plan is named after it.')
param name string

param tags object

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the same identity, for the storage and telemetry credentials.')
param identityClientId string

param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string

@description('The stats account\'s table endpoint; empty: the stats table lives in the main account.')
param statsTableEndpoint string = ''
param deploymentContainerName string
param applicationInsightsConnectionString string

@description('Key Vault references of the secrets, from the keyvault module.')
param vaultReferences object

@description('Origins allowed to call the storefront API (CORS), such as https://shop.example.')
param storefrontOrigins array

@maxValue(1000)
param maximumInstanceCount int

@allowed([512, 2048, 4096])
param instanceMemoryMB int

param tablePrefix string
param shopName string
param shopAddress string
param fromAddress string
param sendGridEventWebhookPublicKey string
param sendGridTemplateIds string
param sendGridUnsubscribeGroupId int
param offerUrlTemplate string
param shopTimeZone string
param unsubscribeMailbox string

@description('The shop\'s myshopify.com domain; empty when the shop is not on Shopify.')
param shopifyShopDomain string = ''

@description('The Shopify app\'s client id, the audience of its session tokens; empty when the shop is not on Shopify.')
param shopifyClientId string = ''

// The origins Shopify runs the app's checkout, thank-you and post-purchase extensions on (web workers); allowed by
// CORS when shopifyClientId is set. The routes they call take Shopify's signed tokens, not cookies.
var shopifyExtensionOrigins = [
  'https://extensions.shopifycdn.com'
  'https://cdn.shopify.com'
]

@description('The Shopify topic that records an order: orders/create or orders/paid.')
param shopifyOrderTopic string = 'orders/create'

@description('The WooCommerce order meta key whose value "yes" records marketing consent.')
param wooCommerceConsentMeta string = '_upsell_marketing_consent'

@description('The WooCommerce store\'s https address for the product picker; empty when not on WooCommerce.')
param wooCommerceStoreUrl string = ''

@description('Whether Azure Front Door fronts the app: the shopper\'s address is then one more X-Forwarded-For entry from the right.')
param frontDoor bool = false

@description('The public address for unsubscribe links; empty: the app\'s azurewebsites.net address.')
param publicBaseUrl string

@description('The storefront\'s address, for shop-path offer images in the console\'s preview; empty for none.')
param previewShopUrl string = ''

@description('The theme\'s stylesheet (absolute https URL) the console\'s preview loads; empty for none.')
param previewStylesheetUrl string = ''

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${name}-plan'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      cors: {
        // With a Shopify app, its checkout and thank-you extensions call the API from Shopify's extension origin.
        allowedOrigins: concat(storefrontOrigins, empty(shopifyClientId) ? [] : shopifyExtensionOrigins)
        supportCredentials: false
      }
      appSettings: [
        // The host's and the app's storage account, through the managed identity.
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        { name: 'AzureWebJobsStorage__blobServiceUri', value: storageBlobEndpoint }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: storageQueueEndpoint }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: storageTableEndpoint }
        // The stats table's own account when asked for (empty: beside the other tables), the same identity.
        { name: 'UpsellStatsStorage__tableServiceUri', value: statsTableEndpoint }
        { name: 'UpsellStatsStorage__credential', value: empty(statsTableEndpoint) ? '' : 'managedidentity' }
        { name: 'UpsellStatsStorage__clientId', value: empty(statsTableEndpoint) ? '' : identityClientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
        // The host reads a request body whole before the app sees it: 2 MiB, above the app's own largest limit (1 MiB).
        { name: 'FUNCTIONS_REQUEST_BODY_SIZE_LIMIT', value: '2097152' }
        { name: 'Upsell__Storage__TablePrefix', value: tablePrefix }
        { name: 'Upsell__Storage__MaxRetries', value: '5' }
        { name: 'Upsell__Storage__RetryDelayMilliseconds', value: '200' }
        { name: 'Upsell__Storage__MaxRetryDelaySeconds', value: '10' }
        { name: 'Upsell__Storage__NetworkTimeoutSeconds', value: '30' }
        { name: 'Upsell__Queues__Events', value: 'upsell-events' }
        { name: 'Upsell__Queues__Orders', value: 'upsell-orders' }
        { name: 'Upsell__Queues__Refunds', value: 'upsell-refunds' }
        { name: 'Upsell__Queues__Erasures', value: 'upsell-erasures' }
        { name: 'Upsell__Catalog__RefreshSeconds', value: '30' }
        { name: 'Upsell__Catalog__SeedDemoCatalog', value: 'false' }
        { name: 'Upsell__Preview__ShopUrl', value: previewShopUrl }
        { name: 'Upsell__Preview__StylesheetUrl', value: previewStylesheetUrl }
        { name: 'Upsell__Decisions__SessionPromptCap', value: '2' }
        { name: 'Upsell__Decisions__DeclineCooldownDays', value: '30' }
        { name: 'Upsell__Decisions__SuppressDeclinedKind', value: 'true' }
        { name: 'Upsell__Decisions__HoldoutPercent', value: '5' }
        { name: 'Upsell__Decisions__HoldoutSalt', value: vaultReferences.holdoutSalt }
        { name: 'Upsell__Decisions__MaxOffers', value: '1' }
        { name: 'Upsell__Decisions__CartMaxOffers', value: '3' }
        { name: 'Upsell__Decisions__LearnedMoments', value: '' }
        { name: 'Upsell__Tokens__SigningKey', value: vaultReferences.tokenSigningKey }
        { name: 'Upsell__Tokens__PreviousSigningKey', value: vaultReferences.previousTokenSigningKey }
        { name: 'Upsell__Tokens__MaxAgeMinutes', value: '1440' }
        { name: 'Upsell__Tokens__EmailMaxAgeDays', value: '7' }
        { name: 'Upsell__Recording__StatsShards', value: '16' }
        { name: 'Upsell__Recording__DaySlots', value: '8' }
        { name: 'Upsell__Recording__MaxClockSkewMinutes', value: '15' }
        { name: 'Upsell__Recording__RevenueCapMinor', value: '50000' }
        { name: 'Upsell__Recording__OrderValueCapMinor', value: '500000' }
        { name: 'Upsell__Traffic__MinAcceptMilliseconds', value: '1000' }
        { name: 'Upsell__Traffic__EventsPerDecision', value: '12' }
        { name: 'Upsell__Traffic__ForwardedHops', value: frontDoor ? '2' : '1' }
        { name: 'Upsell__Retention__MarkerDays', value: '30' }
        { name: 'Upsell__Retention__SessionDays', value: '2' }
        { name: 'Upsell__Retention__Schedule', value: '0 30 3 * * *' }
        { name: 'Upsell__Reports__Alpha', value: '0.05' }
        { name: 'Upsell__Reports__Currency', value: 'EUR' }
        { name: 'Upsell__Reports__MinimumEffect', value: '0.1' }
        { name: 'Upsell__Reports__Power', value: '0.8' }
        { name: 'Upsell__Reports__GuardrailMargin', value: '0.01' }
        { name: 'Upsell__Reports__PlannedDays', value: '28' }
        { name: 'Upsell__Reports__SampleRatioThreshold', value: '0.001' }
        { name: 'Upsell__Reports__MaxRangeDays', value: '400' }
        { name: 'Upsell__Reports__Schedule', value: '0 */1 * * * *' }
        { name: 'Upsell__Affinity__CountCoPurchases', value: 'true' }
        { name: 'Upsell__Affinity__MaxLinesPerOrder', value: '20' }
        { name: 'Upsell__Affinity__Shards', value: '8' }
        { name: 'Upsell__Affinity__MinimumSupport', value: '3' }
        { name: 'Upsell__Affinity__Shrinkage', value: '5' }
        { name: 'Upsell__Affinity__NeighboursPerSku', value: '20' }
        { name: 'Upsell__Affinity__FullRebuildHours', value: '24' }
        { name: 'Upsell__Affinity__Schedule', value: '0 */15 * * * *' }
        { name: 'Upsell__Affinity__RefreshSeconds', value: '300' }
        { name: 'Upsell__Bandits__Schedule', value: '0 0 * * * *' }
        { name: 'Upsell__Bandits__BurnInVisitors', value: '100' }
        { name: 'Upsell__Bandits__FloorWeight', value: '0.01' }
        { name: 'Upsell__Bandits__GuardedControlWeight', value: '0.2' }
        { name: 'Upsell__Bandits__Draws', value: '10000' }
        { name: 'Upsell__Orders__WebhookSecret', value: vaultReferences.orderWebhookSecret }
        { name: 'Upsell__Orders__PreviousWebhookSecret', value: vaultReferences.previousOrderWebhookSecret }
        { name: 'Upsell__Shopify__WebhookSecret', value: vaultReferences.shopifyWebhookSecret }
        { name: 'Upsell__Shopify__PreviousWebhookSecret', value: vaultReferences.previousShopifyWebhookSecret }
        { name: 'Upsell__Shopify__ShopDomain', value: shopifyShopDomain }
        { name: 'Upsell__Shopify__ClientId', value: shopifyClientId }
        { name: 'Upsell__Shopify__OrderTopic', value: shopifyOrderTopic }
        { name: 'Upsell__WooCommerce__WebhookSecret', value: vaultReferences.wooCommerceWebhookSecret }
        { name: 'Upsell__WooCommerce__PreviousWebhookSecret', value: vaultReferences.previousWooCommerceWebhookSecret }
        { name: 'Upsell__WooCommerce__ConsentMetaKey', value: wooCommerceConsentMeta }
        { name: 'Upsell__WooCommerce__StoreUrl', value: wooCommerceStoreUrl }
        { name: 'Upsell__WooCommerce__ConsumerKey', value: vaultReferences.wooCommerceConsumerKey }
        { name: 'Upsell__WooCommerce__ConsumerSecret', value: vaultReferences.wooCommerceConsumerSecret }
        { name: 'Upsell__Shopify__AdminAccessToken', value: vaultReferences.shopifyAdminAccessToken }
        { name: 'Upsell__Shopify__DiscountKey', value: vaultReferences.shopifyDiscountKey }
        { name: 'Upsell__Shopify__AdminApiVersion', value: '2025-10' }
        { name: 'Upsell__Shopify__AdminApiUrl', value: '' }
        { name: 'Upsell__FollowUps__DelayHours', value: '24' }
        { name: 'Upsell__FollowUps__ExpiryHours', value: '72' }
        { name: 'Upsell__FollowUps__Schedule', value: '0 */5 * * * *' }
        { name: 'Upsell__FollowUps__QuietHoursStart', value: '21:00' }
        { name: 'Upsell__FollowUps__QuietHoursEnd', value: '08:00' }
        { name: 'Upsell__FollowUps__ShopTimeZone', value: shopTimeZone }
        { name: 'Upsell__FollowUps__LookbackDays', value: '14' }
        { name: 'Upsell__FollowUps__MaxConcurrency', value: '16' }
        { name: 'Upsell__FollowUps__RetryMinutes', value: '15' }
        { name: 'Upsell__FollowUps__ClaimMinutes', value: '10' }
        { name: 'Upsell__Email__SendGridApiKey', value: vaultReferences.sendGridApiKey }
        { name: 'Upsell__Email__SendGridHost', value: 'https://api.sendgrid.com' }
        { name: 'Upsell__Email__FromAddress', value: fromAddress }
        { name: 'Upsell__Email__ShopName', value: shopName }
        { name: 'Upsell__Email__ShopAddress', value: shopAddress }
        { name: 'Upsell__Email__OfferUrlTemplate', value: offerUrlTemplate }
        { name: 'Upsell__Email__OutboxPath', value: '/tmp/outbox' }
        { name: 'Upsell__Email__SendTimeoutSeconds', value: '30' }
        { name: 'Upsell__Email__EventWebhookPublicKey', value: sendGridEventWebhookPublicKey }
        { name: 'Upsell__Email__EventWebhookMaxAgeMinutes', value: '5' }
        { name: 'Upsell__Email__EventWebhookMaxBytes', value: '4194304' }
        { name: 'Upsell__Email__TemplateIds', value: sendGridTemplateIds }
        { name: 'Upsell__Email__UnsubscribeGroupId', value: string(sendGridUnsubscribeGroupId) }
        { name: 'Upsell__Unsubscribe__SigningKey', value: vaultReferences.unsubscribeSigningKey }
        { name: 'Upsell__Unsubscribe__PreviousSigningKey', value: vaultReferences.previousUnsubscribeSigningKey }
        { name: 'Upsell__Unsubscribe__TokenDays', value: '365' }
        { name: 'Upsell__Unsubscribe__BaseUrl', value: empty(publicBaseUrl) ? 'https://${name}.azurewebsites.net' : publicBaseUrl }
        { name: 'Upsell__Unsubscribe__Mailbox', value: unsubscribeMailbox }
      ]
    }
  }
}

// Deployments go through the identity and the deployment container, never publishing credentials.
resource ftp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scm 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = app.name
output url string = 'https://${app.properties.defaultHostName}'
