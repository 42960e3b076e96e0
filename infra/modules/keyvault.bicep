// Key Vault (RBAC) with the secrets the app reads through Key Vault references: the SendGrid API key and the
// signing secrets. A "previous" secret exists only while a rotation is under way.
@description('Azure region.')
param location string

@description('The vault\'s name (3-24 letters, digits and hyphens).')
param name string

@description('The principal (the app\'s managed identity) allowed to read the secrets.')
param principalId string

@secure()
param sendGridApiKey string

@secure()
param tokenSigningKey string

@secure()
param previousTokenSigningKey string

@description('Whether a previous decision-token key is given (a rotation is under way).')
param rotatingTokenSigningKey bool

@secure()
param holdoutSalt string

@secure()
param orderWebhookSecret string

@secure()
param previousOrderWebhookSecret string

@description('Whether a previous webhook secret is given.')
param rotatingOrderWebhookSecret bool

@description('The Shopify app\'s client secret (signs its webhooks); empty when the shop is not on Shopify.')
@secure()
param shopifyWebhookSecret string = ''

@description('The Shopify client secret before a rotation; empty when none is under way.')
@secure()
param previousShopifyWebhookSecret string = ''

@description('The WooCommerce webhooks\' secret; empty when the shop is not on WooCommerce.')
@secure()
param wooCommerceWebhookSecret string = ''

@description('The WooCommerce secret before a rotation; empty when none is under way.')
@secure()
param previousWooCommerceWebhookSecret string = ''

@description('A Shopify Admin API access token for the product picker; empty: none.')
@secure()
param shopifyAdminAccessToken string = ''

@description('The key that signs checkout offer prices for the Shopify discount Function; empty: none.')
@secure()
param shopifyDiscountKey string = ''

@description('A WooCommerce REST API key for the product picker; empty: none.')
@secure()
param wooCommerceConsumerKey string = ''

@description('A WooCommerce REST API key\'s secret for the product picker; empty: none.')
@secure()
param wooCommerceConsumerSecret string = ''

@description('Whether a Shopify Admin API token is given.')
param shopifyProductPicker bool = false

@description('Whether checkout offer prices are signed for the Shopify discount Function.')
param shopifyDiscounts bool = false

@description('Whether a WooCommerce REST API secret is given.')
param wooCommerceProductPicker bool = false

@description('Whether the shop is on Shopify (a Shopify secret is given).')
param shopifyConnected bool = false

@description('Whether a previous Shopify secret is given.')
param rotatingShopifyWebhookSecret bool = false

@description('Whether the shop is on WooCommerce (a WooCommerce secret is given).')
param wooCommerceConnected bool = false

@description('Whether a previous WooCommerce secret is given.')
param rotatingWooCommerceWebhookSecret bool = false

@secure()
param unsubscribeSigningKey string

@secure()
param previousUnsubscribeSigningKey string

@description('Whether a previous unsubscribe key is given.')
param rotatingUnsubscribeSigningKey bool

param tags object

var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource sendGrid 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'sendgrid-api-key'
  properties: {
    value: sendGridApiKey
  }
}

resource token 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'token-signing-key'
  properties: {
    value: tokenSigningKey
  }
}

resource previousToken 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (rotatingTokenSigningKey) {
  parent: vault
  name: 'token-signing-key-previous'
  properties: {
    value: previousTokenSigningKey
  }
}

resource holdout 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'holdout-salt'
  properties: {
    value: holdoutSalt
  }
}

resource webhook 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'order-webhook-secret'
  properties: {
    value: orderWebhookSecret
  }
}

resource previousWebhook 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (rotatingOrderWebhookSecret) {
  parent: vault
  name: 'order-webhook-secret-previous'
  properties: {
    value: previousOrderWebhookSecret
  }
}

// The connectors' secrets exist only for the platform the shop is on; without one the connector stays off.
resource shopify 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (shopifyConnected) {
  parent: vault
  name: 'shopify-webhook-secret'
  properties: {
    value: shopifyWebhookSecret
  }
}

resource previousShopify 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (rotatingShopifyWebhookSecret) {
  parent: vault
  name: 'shopify-webhook-secret-previous'
  properties: {
    value: previousShopifyWebhookSecret
  }
}

resource wooCommerce 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (wooCommerceConnected) {
  parent: vault
  name: 'woocommerce-webhook-secret'
  properties: {
    value: wooCommerceWebhookSecret
  }
}

resource previousWooCommerce 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (rotatingWooCommerceWebhookSecret) {
  parent: vault
  name: 'woocommerce-webhook-secret-previous'
  properties: {
    value: previousWooCommerceWebhookSecret
  }
}

// The product picker's credentials, only when given.
resource shopifyAdmin 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (shopifyProductPicker) {
  parent: vault
  name: 'shopify-admin-access-token'
  properties: {
    value: shopifyAdminAccessToken
  }
}

resource shopifyDiscount 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (shopifyDiscounts) {
  parent: vault
  name: 'shopify-discount-key'
  properties: {
    value: shopifyDiscountKey
  }
}

resource wooCommerceApiKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (wooCommerceProductPicker) {
  parent: vault
  name: 'woocommerce-consumer-key'
  properties: {
    value: wooCommerceConsumerKey
  }
}

resource wooCommerceApi 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (wooCommerceProductPicker) {
  parent: vault
  name: 'woocommerce-consumer-secret'
  properties: {
    value: wooCommerceConsumerSecret
  }
}

resource unsubscribe 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'unsubscribe-signing-key'
  properties: {
    value: unsubscribeSigningKey
  }
}

resource previousUnsubscribe 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (rotatingUnsubscribeSigningKey) {
  parent: vault
  name: 'unsubscribe-signing-key-previous'
  properties: {
    value: previousUnsubscribeSigningKey
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Key Vault references to the latest version of each secret; empty where there is no previous secret.
output references object = {
  sendGridApiKey: keyVaultReference(sendGrid.properties.secretUri)
  tokenSigningKey: keyVaultReference(token.properties.secretUri)
  previousTokenSigningKey: !rotatingTokenSigningKey ? '' : keyVaultReference('${vault.properties.vaultUri}secrets/token-signing-key-previous')
  holdoutSalt: keyVaultReference(holdout.properties.secretUri)
  orderWebhookSecret: keyVaultReference(webhook.properties.secretUri)
  previousOrderWebhookSecret: !rotatingOrderWebhookSecret ? '' : keyVaultReference('${vault.properties.vaultUri}secrets/order-webhook-secret-previous')
  shopifyWebhookSecret: !shopifyConnected ? '' : keyVaultReference('${vault.properties.vaultUri}secrets/shopify-webhook-secret')
  previousShopifyWebhookSecret: !rotatingShopifyWebhookSecret ? '' : keyVaultReference('${vault.properties.vaultUri}secrets/shopify-webhook-secret-previous')
  wooCommerceWebhookSecret: !wooCommerceConnected ? '' : keyVaultReference('${vault.properties.vaultUri}secrets/woocommerce-webhook-secret')
  previousWooCommerceWebhookSecret: !rotatingWooCommerceWebhookSecret ? '' : keyVaultReference('${vault.properties.vaultUri}secrets/woocommerce-webhook-secret-previous')
  shopifyAdminAccessToken: !shopifyProductPicker ? '' : keyVaultReference('${vault.properties.vaultUri}secrets/shopify-admin-access-token')
  shopifyDiscountKey: !shopifyDiscounts ? '' : keyVaultReference('${vault.properties.vaultUri}secrets/shopify-discount-key')
  wooCommerceConsumerKey: !wooCommerceProductPicker ? '' : keyVaultReference('${vault.properties.vaultUri}secrets/woocommerce-consumer-key')
  wooCommerceConsumerSecret: !wooCommerceProductPicker ? '' : keyVaultReference('${vault.properties.vaultUri}secrets/woocommerce-consumer-secret')
  unsubscribeSigningKey: keyVaultReference(unsubscribe.properties.secretUri)
  previousUnsubscribeSigningKey: !rotatingUnsubscribeSigningKey ? '' : keyVaultReference('${vault.properties.vaultUri}secrets/unsubscribe-signing-key-previous')
}

func keyVaultReference(secretUri string) string => '@Microsoft.KeyVault(SecretUri=${secretUri})'
