using Upsell.Domain.Validation;

namespace Upsell.Application.Intake;

/// <summary>
/// The 202 answer: the order is queued. <see cref="IgnoredTokens"/> names upsell tokens that did not verify: the
/// order still counts, but those lines attribute no revenue.
/// </summary>
public sealed record OrderAccepted(string OrderId, int Upsells, IReadOnlyList<FieldError> IgnoredTokens);
