namespace Upsell.Domain.Offers;

/// <summary>What storage knows about the shopper and the session: opt-out, declines, arms kept, prompts already shown.</summary>
public sealed record ShopperHistory
{
    /// <summary>A shopper without any history.</summary>
    public static readonly ShopperHistory None = new();

    /// <summary>The shopper asked never to be shown offers.</summary>
    public bool OptedOut { get; init; }

    /// <summary>The shopper's declines, any age.</summary>
    public IReadOnlyList<Decline> Declines { get; init; } = [];

    /// <summary>The offers the shopper took (the latest acceptance of each, its kind and time), any age.</summary>
    public IReadOnlyList<Acceptance> Accepts { get; init; } = [];

    /// <summary>The arm the visitor was first given in each experiment, by experiment key (the latest phase stored).</summary>
    public IReadOnlyDictionary<string, Experiments.StickyAssignment> Assignments { get; init; } = new Dictionary<string, Experiments.StickyAssignment>(StringComparer.Ordinal);

    /// <summary>Moments at which this session was already prompted.</summary>
    public IReadOnlySet<Moment> PromptedMoments { get; init; } = new HashSet<Moment>();

    /// <summary>How many prompts this session has seen.</summary>
    public int SessionPrompts => PromptedMoments.Count;
}
