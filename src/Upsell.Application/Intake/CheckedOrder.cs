using Upsell.Domain.Validation;
using Upsell.Infrastructure.Orders;

namespace Upsell.Application.Intake;

/// <summary>An order that passed its checks, ready to queue, with the upsell tokens that did not verify.</summary>
public sealed record CheckedOrder(OrderMessage Message, IReadOnlyList<FieldError> IgnoredTokens);
