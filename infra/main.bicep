// The storage the pipeline runs on: tables for the catalog, sessions and suppressions, queues for outcomes.
// The Function App, Key Vault and monitoring join this template when the pipeline is deployed as a whole.
targetScope = 'resourceGroup'

@description('Azure region for every resource.')
param location string = resourceGroup().location

@description('Short name that prefixes every resource, lower-case letters and digits.')
@minLength(3)
@maxLength(11)
param name string = 'upsell'

var storageName = toLower('${name}${uniqueString(resourceGroup().id)}')

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
  }
}

output storageAccountName string = storage.name
