namespace Upsell.Domain.Statistics;

/// <summary>An interval and p-value that stay right however often they are looked at.</summary>
public sealed record AlwaysValid(Interval Interval, double PValue);
