using System.ComponentModel.DataAnnotations;

namespace Upsell.Domain.Affinity;

/// <summary>What the shop's own orders teach about what goes together, bound from configuration section <see cref="SectionName"/>.</summary>
public sealed class AffinityOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Upsell:Affinity";

    /// <summary>Whether recording an order counts its co-purchases.</summary>
    public bool CountCoPurchases { get; set; } = true;

    /// <summary>The distinct SKUs of one order that are counted at most (the first ones), so work per order is bounded.</summary>
    [Range(2, 50)]
    public int MaxLinesPerOrder { get; set; } = 20;

    /// <summary>Partitions the counts are spread over, by order id, so a product bought with everything is not one hot partition.</summary>
    [Range(1, 64)]
    public int Shards { get; set; } = 8;

    /// <summary>Orders a pair must share before it has a score at all.</summary>
    [Range(1, 1_000)]
    public int MinimumSupport { get; set; } = 3;

    /// <summary>The pseudo-count added to observed and expected co-purchases, which pulls small counts' scores towards 0.</summary>
    [Range(0.0, 1_000.0)]
    public double Shrinkage { get; set; } = 5;

    /// <summary>The neighbours kept per SKU, best first.</summary>
    [Range(1, 200)]
    public int NeighboursPerSku { get; set; } = 20;

    /// <summary>When the neighbour lists are rebuilt from the counts, as a six-field NCRONTAB expression.</summary>
    [Required, RegularExpression(@"^\S+( \S+){5}$")]
    public string Schedule { get; set; } = "0 */15 * * * *";

    /// <summary>How often every SKU's list is rebuilt, not only those of SKUs ordered since the last run.</summary>
    [Range(1, 720)]
    public int FullRebuildHours { get; set; } = 24;

    /// <summary>How old the in-memory neighbour lists may get before a decision triggers a reload in the background.</summary>
    [Range(1, 86_400)]
    public int RefreshSeconds { get; set; } = 300;
}
