using System.Collections.Concurrent;
using MathNet.Numerics.Distributions;

namespace Upsell.Domain.Statistics;

/// <summary>
/// The group-sequential design every experiment verdict rests on: a two-sided test looked at once a day, whose
/// false-positive rate alpha is spent over the planned days by Lan and DeMets' O'Brien-Fleming-type function, on
/// each side <c>α(t)/2 = 2 − 2Φ(z_{α/4} / √t)</c>, with <c>t</c> the share of the planned days that have passed. Early looks get
/// almost none of it (a boundary near 10 on day 1 of 28), the last nearly all (about 2.05 against the fixed
/// test's 1.96), so the test keeps almost the power of a fixed-horizon test of the same size and still may stop
/// early on a large effect. The boundaries follow from the information actually gathered at each look (any daily
/// traffic) by recursive numerical integration (Jennison and Turnbull, <i>Group Sequential Methods</i>, ch. 19).
/// Alpha left unspent by a look without new data carries to the next look; past the planned days none is left.
/// </summary>
public static class SequentialDesign
{
    // Grid density of Jennison and Turnbull's integration (points per look: 12r − 3); r = 8 keeps the boundaries
    // right to the third decimal (the published ones are matched in the tests), far below what a verdict can notice.
    private const int GridDensity = 8;

    // Beyond this many standard deviations the density is below 1e-16 and the grid stops.
    private const double Reach = 8.5;

    /// <summary>The alpha spent by calendar fraction <paramref name="t"/> (0 to 1) of the planned days.</summary>
    public static double Spent(double t, double alpha)
    {
        if (t <= 0)
        {
            return 0;
        }

        t = Math.Min(t, 1);
        return 2 * (2 - 2 * Normal.CDF(0, 1, Normal.InvCDF(0, 1, 1 - alpha / 4) / Math.Sqrt(t)));
    }

    /// <summary>
    /// The two-sided boundaries, in z, for looks with increasing <paramref name="information"/> (any scale: only the
    /// ratios matter) at calendar fractions <paramref name="fractions"/>; <see cref="double.PositiveInfinity"/>
    /// where a look spends nothing. A look whose information did not grow spends nothing.
    /// </summary>
    public static double[] Boundaries(IReadOnlyList<double> information, IReadOnlyList<double> fractions, double alpha)
    {
        ArgumentNullException.ThrowIfNull(information);
        ArgumentNullException.ThrowIfNull(fractions);
        if (information.Count != fractions.Count)
        {
            throw new ArgumentException("Give one calendar fraction per look.", nameof(fractions));
        }

        var bounds = new double[information.Count];
        var state = new State(0, 0, null, null);
        var key = BitConverter.DoubleToUInt64Bits(alpha);
        for (var k = 0; k < information.Count; k++)
        {
            key = Mix(Mix(key, information[k]), fractions[k]);
            if (!Memo.TryGetValue(key, out var known) || known.Information != information[k] || known.Fraction != fractions[k])
            {
                known = Look(state, information[k], fractions[k], alpha);
                if (Memo.Count >= MemoLimit)
                {
                    Memo.Clear();
                }

                Memo[key] = known;
            }

            bounds[k] = known.Bound;
            state = known.After;
        }

        return bounds;
    }

    // Boundaries depend only on the looks before them, and a report (or a simulation) judged every day asks again for
    // every earlier day's: each look's result is kept under the hash of the looks up to it, so a new day costs one look.
    private const int MemoLimit = 20_000;

    private static readonly ConcurrentDictionary<ulong, Known> Memo = new();

    private static ulong Mix(ulong hash, double value)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value);
        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ ((bits >> (8 * i)) & 0xff)) * 1099511628211UL;
        }

        return hash;
    }

    private static Known Look(State state, double information, double fraction, double alpha)
    {
        var target = Spent(fraction, alpha) - state.Spent;
        if (information <= state.PreviousInformation * (1 + 1e-12) || target < 1e-15)
        {
            return new Known(information, fraction, double.PositiveInfinity, state);
        }

        double bound;
        double[] grid, density;
        if (state.Grid is null)
        {
            bound = Normal.InvCDF(0, 1, 1 - target / 2);
            grid = Grid(Math.Min(bound, Reach));
            density = Weighted(grid, z => Normal.PDF(0, 1, z));
        }
        else
        {
            var (ratio, spread) = (Math.Sqrt(state.PreviousInformation / information), Math.Sqrt(1 - state.PreviousInformation / information));
            bound = Solve(state.Grid, state.Density!, ratio, spread, target);
            (grid, density) = Propagate(state.Grid, state.Density!, ratio, spread, Math.Min(bound, Reach));
        }

        return new Known(information, fraction, bound, new State(state.Spent + target, information, grid, density));
    }

    // Where the recursion stands after a look: alpha spent, the information reached, and the density of the
    // z-statistic on the region not yet crossed.
    private sealed record State(double Spent, double PreviousInformation, double[]? Grid, double[]? Density);

    private sealed record Known(double Information, double Fraction, double Bound, State After);

    // The boundary c at which the chance of reaching this look and then |Z| >= c is the target: Newton on the log
    // of that chance, kept inside a bracket.
    private static double Solve(double[] grid, double[] weightedDensity, double ratio, double spread, double target)
    {
        double Chance(double c, out double slope)
        {
            var (p, d) = (0.0, 0.0);
            for (var i = 0; i < grid.Length; i++)
            {
                var (hi, lo) = ((c - ratio * grid[i]) / spread, (-c - ratio * grid[i]) / spread);
                var (upper, lower) = (Math.Exp(-0.5 * hi * hi), Math.Exp(-0.5 * lo * lo));
                p += weightedDensity[i] * (Tail(hi, upper) + Tail(-lo, lower));
                d -= weightedDensity[i] * (upper + lower) / (spread * Math.Sqrt(2 * Math.PI));
            }

            slope = d;
            return p;
        }

        double low = 0, high = 40;
        var c = Normal.InvCDF(0, 1, 1 - Math.Min(target, 0.5) / 2);
        for (var iteration = 0; iteration < 60; iteration++)
        {
            var p = Chance(c, out var slope);
            if (p > target)
            {
                low = c;
            }
            else
            {
                high = c;
            }

            var step = p > 0 && slope < 0 ? (Math.Log(p) - Math.Log(target)) * p / -slope : double.NaN;
            var next = c + step;
            if (double.IsNaN(next) || next <= low || next >= high)
            {
                next = (low + high) / 2;
            }

            if (Math.Abs(next - c) < 1e-7)
            {
                return next;
            }

            c = next;
        }

        return c;
    }

    // The normal upper tail P(Z > x) given e^(−x²/2): erfc by Numerical Recipes' Chebyshev fit (relative error under
    // 1.2e-7 everywhere, so the far tails of early looks stay accurate), at a fraction of a library call's cost.
    private static double Tail(double x, double density)
    {
        var z = Math.Abs(x) / Math.Sqrt(2);
        var t = 1 / (1 + 0.5 * z);
        var erfc = t * density * Math.Exp(-1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? erfc / 2 : 1 - erfc / 2;
    }

    // The next look's density on its own grid: the last look's, carried forward by the normal increment between them.
    private static (double[] Grid, double[] WeightedDensity) Propagate(double[] grid, double[] weightedDensity, double ratio, double spread, double edge)
    {
        var next = Grid(edge);
        var shifted = new double[grid.Length];
        for (var i = 0; i < grid.Length; i++)
        {
            shifted[i] = ratio * grid[i];
        }

        var scale = 1 / (spread * Math.Sqrt(2 * Math.PI));
        var inverse = 1 / spread;
        return (next, Weighted(next, z =>
        {
            var sum = 0.0;
            for (var i = 0; i < shifted.Length; i++)
            {
                var x = (z - shifted[i]) * inverse;
                sum += weightedDensity[i] * Math.Exp(-0.5 * x * x);
            }

            return sum * scale;
        }));
    }

    // Jennison and Turnbull's grid over (−edge, edge) with the midpoints Simpson's rule needs: dense in the middle,
    // sparse in the tails.
    private static double[] Grid(double edge)
    {
        var r = GridDensity;
        var nodes = new List<double>(6 * r);
        for (var i = 1; i < 6 * r; i++)
        {
            var x = Math.Clamp(i < r ? -3 - 4 * Math.Log(r / (double)i)
                : i <= 5 * r ? -3 + 3 * (i - r) / (2.0 * r)
                : 3 + 4 * Math.Log(r / (double)(6 * r - i)), -edge, edge);
            if (nodes.Count == 0 || x > nodes[^1])
            {
                nodes.Add(x);
            }
        }

        var grid = new double[2 * nodes.Count - 1];
        for (var i = 0; i < nodes.Count; i++)
        {
            grid[2 * i] = nodes[i];
            if (i + 1 < nodes.Count)
            {
                grid[2 * i + 1] = (nodes[i] + nodes[i + 1]) / 2;
            }
        }

        return grid;
    }

    // Each point's density times its Simpson weight, so an integral over the grid is a plain sum.
    private static double[] Weighted(double[] grid, Func<double, double> density)
    {
        var weighted = new double[grid.Length];
        for (var i = 0; i + 2 < grid.Length; i += 2)
        {
            var h = grid[i + 2] - grid[i];
            weighted[i] += h / 6;
            weighted[i + 1] += 4 * h / 6;
            weighted[i + 2] += h / 6;
        }

        for (var i = 0; i < grid.Length; i++)
        {
            weighted[i] *= density(grid[i]);
        }

        return weighted;
    }
}
