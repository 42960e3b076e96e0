// Azure Front Door (Standard) in front of the app, with a WAF policy whose rate-limit rule caps what one client
// address may send to the anonymous storefront routes. Off by default (main.bicep, frontDoor); its cost is in
// docs/operator.md.

@description('Resource name prefix.')
param name string

@description('The Function App\'s host name, the origin.')
param originHostName string

@description('Requests one client address may make to /api/offers and /api/events per minute before the WAF blocks it for the rest of the minute.')
@minValue(10)
@maxValue(10000)
param rateLimitPerMinute int

param tags object

resource profile 'Microsoft.Cdn/profiles@2024-02-01' = {
  name: 'afd-${name}'
  location: 'global'
  tags: tags
  sku: {
    name: 'Standard_AzureFrontDoor'
  }
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2024-02-01' = {
  parent: profile
  name: 'ep-${name}'
  location: 'global'
  properties: {
    enabledState: 'Enabled'
  }
}

// One origin, so no health probe: Front Door would have nowhere else to send a request.
resource origins 'Microsoft.Cdn/profiles/originGroups@2024-02-01' = {
  parent: profile
  name: 'app'
  properties: {
    loadBalancingSettings: {
      sampleSize: 4
      successfulSamplesRequired: 3
    }
  }
}

resource origin 'Microsoft.Cdn/profiles/originGroups/origins@2024-02-01' = {
  parent: origins
  name: 'functionapp'
  properties: {
    hostName: originHostName
    originHostHeader: originHostName
    httpsPort: 443
    priority: 1
    weight: 1000
    enforceCertificateNameCheck: true
  }
}

resource route 'Microsoft.Cdn/profiles/afdEndpoints/routes@2024-02-01' = {
  parent: endpoint
  name: 'api'
  dependsOn: [origin]
  properties: {
    originGroup: { id: origins.id }
    supportedProtocols: ['Https']
    httpsRedirect: 'Disabled'
    forwardingProtocol: 'HttpsOnly'
    patternsToMatch: ['/api/*']
    linkToDefaultDomain: 'Enabled'
  }
}

resource waf 'Microsoft.Network/FrontDoorWebApplicationFirewallPolicies@2024-02-01' = {
  name: replace('waf${name}', '-', '')
  location: 'global'
  tags: tags
  sku: {
    name: 'Standard_AzureFrontDoor'
  }
  properties: {
    policySettings: {
      enabledState: 'Enabled'
      mode: 'Prevention'
    }
    customRules: {
      rules: [
        {
          name: 'StorefrontRateLimit'
          priority: 1
          enabledState: 'Enabled'
          ruleType: 'RateLimitRule'
          rateLimitDurationInMinutes: 1
          rateLimitThreshold: rateLimitPerMinute
          action: 'Block'
          // Counted per client address (the socket's), over the anonymous storefront routes only.
          matchConditions: [
            {
              matchVariable: 'RequestUri'
              operator: 'RegEx'
              matchValue: ['/api/(offers|events)(/|$|\\?)']
              negateCondition: false
              transforms: ['Lowercase']
            }
          ]
        }
      ]
    }
  }
}

resource security 'Microsoft.Cdn/profiles/securityPolicies@2024-02-01' = {
  parent: profile
  name: 'storefront-rate-limit'
  properties: {
    parameters: {
      type: 'WebApplicationFirewall'
      wafPolicy: { id: waf.id }
      associations: [
        {
          domains: [{ id: endpoint.id }]
          patternsToMatch: ['/*']
        }
      ]
    }
  }
}

output url string = 'https://${endpoint.properties.hostName}'
