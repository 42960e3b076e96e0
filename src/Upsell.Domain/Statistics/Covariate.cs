namespace Upsell.Domain.Statistics;

/// <summary>
/// One thing an arm's units knew before they were exposed (the cart's value at the offer, or the visitor's earlier
/// orders), as sums over the same units as the arm's metric sample: the covariate, its square, and its product with
/// the metric. All zero where nothing was known.
/// </summary>
public readonly record struct Covariate(double Sum, double SumOfSquares, double Products);
