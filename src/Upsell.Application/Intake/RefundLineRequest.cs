namespace Upsell.Application.Intake;

/// <summary>An amount refunded on one order line: <see cref="Line"/> is its position in the order's lines, from 0.</summary>
public sealed record RefundLineRequest(int? Line, long? Amount);
