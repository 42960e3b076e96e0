using Microsoft.Azure.Functions.Worker;
using Upsell.Application.Retention;

namespace Upsell.Functions.Operations;

/// <summary>Daily by default (<c>Upsell:Retention:Schedule</c>): removes event markers and sessions nothing can count any more.</summary>
public sealed class ExpireRowsFunction(RowExpiry expiry)
{
    [Function(nameof(ExpireRows))]
    public Task ExpireRows([TimerTrigger("%Upsell:Retention:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        expiry.ExpireAsync(cancellationToken);
}
