// UpsellFunctions in Azure: the Function App (Flex Consumption, .NET 10 isolated) with its storage account,
// monitoring and Key Vault, all reached through one user-assigned managed identity. `azd up` deploys it with
// main.parameters.json; `az deployment group create` works as well (see docs/operator.md, Deployment).
targetScope = 'resourceGroup'

@description('Azure region for every resource.')
param location string = resourceGroup().location

@description('Short name that prefixes every resource, lower-case letters and digits.')
@minLength(3)
@maxLength(11)
param name string = 'upsell'

@description('Storefront origins allowed to call the API (CORS), such as https://shop.example.')
param storefrontOrigins array

@description('The shop\'s name, as email sender name and in every email.')
param shopName string

@description('The shop\'s postal address, in every email\'s footer.')
param shopAddress string

@description('The verified SendGrid sender address.')
param fromAddress string

@description('The verification key of SendGrid\'s signed Event Webhook (base64, as SendGrid shows it); empty leaves POST /api/connectors/sendgrid off.')
param sendGridEventWebhookPublicKey string = ''

@description('SendGrid dynamic templates by locale, as locale=d-… pairs split by ";" (* for every other locale); empty sends the built-in email.')
param sendGridTemplateIds string = ''

@description('A SendGrid unsubscribe group for the follow-ups; 0 for none.')
@minValue(0)
param sendGridUnsubscribeGroupId int = 0

@description('The add-on link in follow-up emails; {sku}, {offerId} and {token} are filled in.')
param offerUrlTemplate string

@description('The mailto: address of the unsubscribe header.')
param unsubscribeMailbox string

@description('IANA time zone for customers whose own is unknown.')
param shopTimeZone string = 'Europe/Berlin'

@description('The Function App\'s public address, for unsubscribe links; empty: its azurewebsites.net address.')
param publicBaseUrl string = ''

@description('The storefront\'s address, for shop-path offer images in the console\'s preview; empty for none.')
param previewShopUrl string = ''

@description('The theme\'s stylesheet (absolute https URL) the console\'s preview loads; empty for none.')
param previewStylesheetUrl string = ''

@description('Prefix of every table name.')
param tablePrefix string = 'upsell'

@description('Most instances the app scales out to (Flex Consumption allows 40 to 1,000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Put the stats table in a storage account of its own (recommended for sale-day traffic; see docs/operator.md, Scale).')
param separateStatsAccount bool = false

@description('Where operator alerts (poison messages, failed or unknown follow-ups, 5xx rate) are emailed; empty: portal only.')
param alertEmail string = ''

@description('Put Azure Front Door (Standard, with a WAF rate-limit rule on the storefront routes) in front of the app: about US$35 a month plus requests and data (docs/operator.md, "A front with a rate limit"). Point the storefront at FRONT_DOOR_URL then.')
param frontDoor bool = false

@description('With frontDoor: requests one client address may make to /api/offers and /api/events per minute.')
@minValue(10)
@maxValue(10000)
param frontDoorRateLimit int = 300

@description('Memory of one instance.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('SendGrid API key.')
@secure()
param sendGridApiKey string

@description('Decision-token signing key: base64 of at least 32 random bytes (openssl rand -base64 32).')
@secure()
param tokenSigningKey string

@description('The decision-token key before a rotation; empty when none is under way.')
@secure()
param previousTokenSigningKey string = ''

@description('The holdout\'s hashing seed, secret and this deployment\'s own: at least 16 random characters (openssl rand -base64 24). Keep it across deployments; a new one starts a new holdout phase.')
@secure()
param holdoutSalt string

@description('Order webhook HMAC secret, at least 32 characters.')
@secure()
param orderWebhookSecret string

@description('The webhook secret before a rotation; empty when none is under way.')
@secure()
param previousOrderWebhookSecret string = ''

@description('The Shopify app\'s client secret, which signs its webhooks; empty when the shop is not on Shopify.')
@secure()
param shopifyWebhookSecret string = ''

@description('The Shopify client secret before a rotation; empty when none is under way.')
@secure()
param previousShopifyWebhookSecret string = ''

@description('The shop\'s myshopify.com domain (X-Shopify-Shop-Domain); required with a Shopify secret.')
param shopifyShopDomain string = ''

@description('The Shopify app\'s client id: the audience of its checkout extensions\' session tokens; empty when the shop is not on Shopify.')
param shopifyClientId string = ''

@description('The Shopify topic that records an order.')
@allowed(['orders/create', 'orders/paid'])
param shopifyOrderTopic string = 'orders/create'

@description('The WooCommerce webhooks\' secret; empty when the shop is not on WooCommerce.')
@secure()
param wooCommerceWebhookSecret string = ''

@description('The WooCommerce secret before a rotation; empty when none is under way.')
@secure()
param previousWooCommerceWebhookSecret string = ''

@description('The WooCommerce order meta key whose value "yes" records marketing consent.')
param wooCommerceConsentMeta string = '_upsell_marketing_consent'

@description('A Shopify Admin API access token with read_products, for the console\'s product picker; empty: products are typed by hand.')
@secure()
param shopifyAdminAccessToken string = ''

@description('The key that signs checkout offer prices for the Shopify app\'s discount Function (32+ characters); empty: checkout offers sell at the product\'s own price.')
@secure()
param shopifyDiscountKey string = ''

@description('The WooCommerce store\'s https address, for the console\'s product picker; empty when not on WooCommerce.')
param wooCommerceStoreUrl string = ''

@description('A WooCommerce REST API key with Read permission (ck_…), for the product picker.')
@secure()
param wooCommerceConsumerKey string = ''

@description('That key\'s secret (cs_…).')
@secure()
param wooCommerceConsumerSecret string = ''

@description('Unsubscribe-link signing key: base64 of at least 32 random bytes.')
@secure()
param unsubscribeSigningKey string

@description('The unsubscribe key before a rotation; empty when none is under way.')
@secure()
param previousUnsubscribeSigningKey string = ''

var suffix = uniqueString(resourceGroup().id, name)
var appName = '${name}-${suffix}'
var deploymentContainerName = 'deployments'
var tags = {
  application: 'upsell-functions'
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    location: location
    name: '${name}-identity-${suffix}'
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    name: toLower('${name}${suffix}')
    deploymentContainerName: deploymentContainerName
    principalId: identity.outputs.principalId
    tags: tags
  }
}

module statsStorage 'modules/statsstorage.bicep' = if (separateStatsAccount) {
  name: 'stats-storage'
  params: {
    location: location
    name: toLower('${name}stats${take(suffix, 8)}')
    principalId: identity.outputs.principalId
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    name: appName
    principalId: identity.outputs.principalId
    tags: tags
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    location: location
    name: appName
    insightsId: monitoring.outputs.insightsId
    alertEmail: alertEmail
    tags: tags
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    name: 'kv-${take(appName, 21)}'
    principalId: identity.outputs.principalId
    sendGridApiKey: sendGridApiKey
    tokenSigningKey: tokenSigningKey
    previousTokenSigningKey: previousTokenSigningKey
    rotatingTokenSigningKey: !empty(previousTokenSigningKey)
    holdoutSalt: holdoutSalt
    orderWebhookSecret: orderWebhookSecret
    previousOrderWebhookSecret: previousOrderWebhookSecret
    rotatingOrderWebhookSecret: !empty(previousOrderWebhookSecret)
    shopifyWebhookSecret: shopifyWebhookSecret
    previousShopifyWebhookSecret: previousShopifyWebhookSecret
    wooCommerceWebhookSecret: wooCommerceWebhookSecret
    previousWooCommerceWebhookSecret: previousWooCommerceWebhookSecret
    shopifyAdminAccessToken: shopifyAdminAccessToken
    shopifyDiscountKey: shopifyDiscountKey
    wooCommerceConsumerKey: wooCommerceConsumerKey
    wooCommerceConsumerSecret: wooCommerceConsumerSecret
    shopifyProductPicker: !empty(shopifyAdminAccessToken)
    shopifyDiscounts: !empty(shopifyDiscountKey)
    wooCommerceProductPicker: !empty(wooCommerceConsumerSecret)
    shopifyConnected: !empty(shopifyWebhookSecret)
    rotatingShopifyWebhookSecret: !empty(previousShopifyWebhookSecret)
    wooCommerceConnected: !empty(wooCommerceWebhookSecret)
    rotatingWooCommerceWebhookSecret: !empty(previousWooCommerceWebhookSecret)
    unsubscribeSigningKey: unsubscribeSigningKey
    previousUnsubscribeSigningKey: previousUnsubscribeSigningKey
    rotatingUnsubscribeSigningKey: !empty(previousUnsubscribeSigningKey)
    tags: tags
  }
}

module app 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    name: appName
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    statsTableEndpoint: separateStatsAccount ? statsStorage!.outputs.tableEndpoint : ''
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    vaultReferences: vault.outputs.references
    storefrontOrigins: storefrontOrigins
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    tablePrefix: tablePrefix
    shopName: shopName
    shopAddress: shopAddress
    fromAddress: fromAddress
    sendGridEventWebhookPublicKey: sendGridEventWebhookPublicKey
    sendGridTemplateIds: sendGridTemplateIds
    sendGridUnsubscribeGroupId: sendGridUnsubscribeGroupId
    offerUrlTemplate: offerUrlTemplate
    shopTimeZone: shopTimeZone
    publicBaseUrl: publicBaseUrl
    previewShopUrl: previewShopUrl
    previewStylesheetUrl: previewStylesheetUrl
    frontDoor: frontDoor
    unsubscribeMailbox: unsubscribeMailbox
    shopifyShopDomain: shopifyShopDomain
    shopifyClientId: shopifyClientId
    shopifyOrderTopic: shopifyOrderTopic
    wooCommerceConsentMeta: wooCommerceConsentMeta
    wooCommerceStoreUrl: wooCommerceStoreUrl
  }
}

module front 'modules/frontdoor.bicep' = if (frontDoor) {
  name: 'frontdoor'
  params: {
    name: appName
    originHostName: replace(app.outputs.url, 'https://', '')
    rateLimitPerMinute: frontDoorRateLimit
    tags: tags
  }
}

output AZURE_FUNCTION_APP_NAME string = app.outputs.name
output FRONT_DOOR_URL string = frontDoor ? front!.outputs.url : ''
output API_URL string = '${app.outputs.url}/api'
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
