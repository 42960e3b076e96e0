using System.Globalization;
using Upsell.Domain.Offers;

namespace Upsell.Domain.Outcomes;

/// <summary>
/// The names of what is counted besides offer groups (<see cref="StatsGroup"/>), and how a name becomes a storage
/// partition per shard. Names starting with "~" never clash with a group's, whose experiment key is an id or "-".
/// </summary>
public static class StatsKeys
{
    /// <summary>The holdout view's scope that spans every moment.</summary>
    public const string AllMoments = "all";

    /// <summary>The partition of one shard of a counted name.</summary>
    public static string Partition(string name, int shard) => $"{name}|{shard.ToString("D2", CultureInfo.InvariantCulture)}";

    /// <summary>The counted name of a shard's partition.</summary>
    public static string NameOf(string partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return partition[..^3];
    }

    /// <summary>
    /// Treated or held-out visitors of a holdout phase (<see cref="Decisions.DecisionOptions.HoldoutPhase"/>) at a
    /// moment, or at any moment with <see cref="AllMoments"/>.
    /// </summary>
    public static string Programme(string phase, bool heldOut, string scope) => $"~programme|{phase}|{(heldOut ? "holdout" : "treated")}|{scope}";

    /// <summary>
    /// An experiment arm's checkout completion: its visitors shown an offer before the order, and those of them who
    /// ordered (each counted once, as a 1), for the checkout guardrail.
    /// </summary>
    public static string Completion(string key, int phase, string variant) =>
        $"~completion|{key}|{phase.ToString(CultureInfo.InvariantCulture)}|{variant}";

    /// <summary>Every order recorded (test orders aside), each once: what offer coverage is a share of.</summary>
    public const string AllOrders = "~orders";

    /// <summary>
    /// Visitors shown an offer at a moment (or at any with <see cref="AllMoments"/>), and the orders they placed:
    /// with <see cref="AllOrders"/>, the share of orders whose shopper saw an offer.
    /// </summary>
    public static string Shown(string scope) => $"~shown|{scope}";

    /// <summary>
    /// The address buckets (<see cref="AddressBucket"/>) an offer group's impressions came from, each counted once as
    /// a visitor would be: with the group's visitors, the new visitors per network of traffic quality.
    /// </summary>
    public static string Networks(string group) => $"~networks|{group}";

    /// <summary>The address buckets an offer group's accepts came from, each once: the accepters per network.</summary>
    public static string AcceptingNetworks(string group) => $"~accepting-networks|{group}";

    /// <summary>How a network counts in <see cref="Networks"/>: as a visitor of its own, apart from every real visitor id.</summary>
    public static string NetworkVisitor(string bucket) => $"~net:{bucket}";

    /// <summary>Everything shown at a moment to one segment.</summary>
    public static string OfSegment(Moment moment, Segment segment) => $"~segment|{Wire.Name(moment)}|{segment}";

    /// <summary>The segment a <see cref="OfSegment"/> name counts.</summary>
    public static Segment SegmentOf(string name) =>
        Segment.TryParse(name[(name.LastIndexOf('|') + 1)..], out var segment) ? segment : throw new FormatException($"{name} is not a segment name.");

    /// <summary>The index scope listing an experiment phase's group names.</summary>
    public static string ExperimentScope(string key, int phase) => $"experiment|{key}|{phase.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The index scope listing a moment's segment names.</summary>
    public static string SegmentScope(Moment moment) => $"segment|{Wire.Name(moment)}";

    /// <summary>Whether an index scope lists the name: every name but those derived from a group ("~networks|…", "~completion|…").</summary>
    public static bool IsListed(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return !name.StartsWith('~') || name.StartsWith("~segment|", StringComparison.Ordinal);
    }

    /// <summary>The rolled-up scope of offers counted outside experiments.</summary>
    public const string OffersScope = "offers";

    /// <summary>The rolled-up scope of the holdout view and offer coverage.</summary>
    public const string ProgrammeScope = "programme";

    /// <summary>
    /// Which report scope a counted name's rolled-up rows are kept under, so a report reads its whole scope at once: an
    /// experiment phase (its groups, their networks, its arms' checkout completion), a moment's segments, offers
    /// outside experiments, or the holdout view. A scope that is an index scope holds that scope's names and, for an
    /// experiment phase, the names derived from them (which start with "~").
    /// </summary>
    public static string RollupScopeOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = name.Split('|');
        return parts[0] switch
        {
            "~segment" => $"segment|{parts[1]}",
            "~completion" => ExperimentScope(parts[1], int.Parse(parts[2], CultureInfo.InvariantCulture)),
            "~networks" or "~accepting-networks" => RollupScopeOf(name[(parts[0].Length + 1)..]),
            "~programme" or "~shown" or "~orders" => ProgrammeScope,
            StatsGroup.None => OffersScope,
            _ when parts.Length == 5 => ExperimentScope(parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture)),
            _ => ProgrammeScope,
        };
    }
}
