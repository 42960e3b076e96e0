namespace Upsell.Domain.Statistics;

/// <summary>
/// What an arm's units knew before they were exposed, as sums over the same units as its metric sample: the cart's
/// value and the visitor's earlier orders (each with its square and its product with the metric), and the sum of
/// their products. All zero where nothing was known.
/// </summary>
public readonly record struct Known(Covariate Cart, Covariate Orders = default, double Cross = 0)
{
    /// <summary>Both sets of units together.</summary>
    public Known Plus(Known other) => new(
        new Covariate(Cart.Sum + other.Cart.Sum, Cart.SumOfSquares + other.Cart.SumOfSquares, Cart.Products + other.Cart.Products),
        new Covariate(Orders.Sum + other.Orders.Sum, Orders.SumOfSquares + other.Orders.SumOfSquares, Orders.Products + other.Orders.Products),
        Cross + other.Cross);
}
