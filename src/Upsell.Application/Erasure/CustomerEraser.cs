using Upsell.Infrastructure.FollowUps;

namespace Upsell.Application.Erasure;

/// <summary>
/// Erases a customer, as the erasure route and Shopify's <c>customers/redact</c> ask: the orders named and those
/// linked to the email address (each with its follow-up, visitor state, token claims and markers:
/// <see cref="OrderEraser"/>), then the address's own rows.
/// </summary>
public sealed class CustomerEraser(AddressBook addresses, OrderEraser orders)
{
    public async Task<ErasureResult> EraseAsync(string? email, IEnumerable<string> orderIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orderIds);
        var ids = orderIds.ToList();
        if (email is not null)
        {
            ids.AddRange(await addresses.OrdersOfAsync(email, cancellationToken).ConfigureAwait(false));
        }

        var byOrder = await orders.EraseAsync(ids, cancellationToken).ConfigureAwait(false);
        return email is null ? byOrder : byOrder.Plus(await addresses.EraseAsync(email, cancellationToken).ConfigureAwait(false));
    }
}
