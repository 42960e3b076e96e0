// The user-assigned managed identity the Function App runs as: storage, Key Vault and monitoring trust it.
@description('Azure region.')
param location string

@description('The identity\'s name.')
param name string

param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
