// Alert rules an operator acts on (docs/operator.md's Operations section says what to do for each): messages parked in a
// poison queue, follow-up emails that failed or whose outcome is unknown, the rate of 5xx answers, and host restarts. They read the
// app's own metrics and requests in Application Insights; with an email address they notify it.
@description('Azure region.')
param location string

@description('Prefix of the rule names.')
param name string

@description('The Application Insights component the app reports to.')
param insightsId string

@description('Where alerts are emailed; empty: the rules fire in the portal only.')
param alertEmail string = ''

@description('Share of requests answered 5xx, in percent, above which the error-rate alert fires.')
param serverErrorPercent int = 1

param tags object

resource notify 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: '${name}-operators'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'upsell-ops'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var rules = [
  {
    key: 'poison'
    description: 'Messages were parked in a poison queue: they failed five times. Check /api/manage/operations, fix the cause, then replay them.'
    severity: 2
    query: 'customMetrics | where name == "upsell.poison.messages" | summarize parked = sum(valueSum) | where parked > 0'
  }
  {
    key: 'followups'
    description: 'Follow-up emails ended failed (SendGrid refused them) or unknown (no answer came; never resent). Check the SendGrid activity feed.'
    severity: 2
    query: 'customMetrics | where name == "upsell.followups" | where tostring(customDimensions.status) in ("failed", "unknown") | summarize emails = sum(valueSum) | where emails > 0'
  }
  {
    key: 'server-errors'
    description: 'More than ${serverErrorPercent}% of requests were answered 5xx. Read the exceptions in Application Insights.'
    severity: 1
    // A client that sends its body slower than the server's minimum rate (or leaves mid-body) is its own fault: the
    // host may still record a 500, so requests with such an exception are not counted.
    query: 'let cutOff = exceptions | where type endswith "BadHttpRequestException" or outerMessage has "MinRequestBodyDataRate" | distinct operation_Id; requests | where operation_Id !in (cutOff) | summarize total = count(), failed = countif(toint(resultCode) >= 500) | where total > 20 and failed * 100.0 / total > ${serverErrorPercent}'
  }
  {
    key: 'restarts'
    description: 'A worker started again on an instance without a clean stop before: the host restarted after a crash (a storage outage fails the timers\' lease and the host exits). Read the exceptions before the start; queued messages wait and are recorded once it is back.'
    severity: 2
    query: 'traces | where message in ("Upsell worker started", "Upsell worker stopped") | summarize starts = countif(message == "Upsell worker started"), stops = countif(message == "Upsell worker stopped") by cloud_RoleInstance | where starts > stops + 1'
  }
  {
    key: 'traffic'
    description: 'More than half of the accepts that arrived came sooner after their offer than a shopper reads it: a script is likely sending them. They are not counted; open the experiments in the console, whose traffic quality names the arm, and consider the Front Door rate limit (docs/operator.md).'
    severity: 3
    query: 'customMetrics | where name == "upsell.events.recorded" | summarize hasty = sumif(valueSum, tostring(customDimensions.type) == "hasty-accept"), accepts = sumif(valueSum, tostring(customDimensions.type) == "accept") | where hasty > 20 and hasty * 2 > accepts'
  }
]

resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [for rule in rules: {
  name: '${name}-${rule.key}'
  location: location
  tags: tags
  properties: {
    displayName: '${name}: ${rule.key}'
    description: rule.description
    severity: rule.severity
    enabled: true
    scopes: [
      insightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: rule.query
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: empty(alertEmail) ? [] : [
        notify.id
      ]
    }
  }
}]
