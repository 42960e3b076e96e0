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
}
