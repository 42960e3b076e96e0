// A storage account for the stats table alone, so recording's writes do not compete with the host's queues, leases
// and the other tables for the account's request rate. Shared keys off; the app's identity gets table data access.
@description('Azure region.')
param location string

@description('The storage account\'s name (3-24 lower-case letters and digits).')
param name string

@description('The principal (the app\'s managed identity) given table data access.')
param principalId string

param tags object

var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

resource stats 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource tableData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(stats.id, principalId, storageTableDataContributor)
  scope: stats
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

output tableEndpoint string = stats.properties.primaryEndpoints.table
