namespace Upsell.Application.Intake;

/// <summary>The 202 answer: the refund is queued; <see cref="UpsellAmount"/> is how much of it comes out of upsell revenue.</summary>
public sealed record RefundAccepted(string OrderId, string RefundId, long Amount, long UpsellAmount);
