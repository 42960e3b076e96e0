namespace Upsell.Domain.Offers;

/// <summary>What storage knows about the shopper and the session: opt-out, declines, prompts already shown.</summary>
public sealed record ShopperHistory
{
    /// <summary>A shopper without any history.</summary>
    public static readonly ShopperHistory None = new();

    /// <summary>The shopper asked never to be shown offers.</summary>
    public bool OptedOut { get; init; }

    /// <summary>The shopper's declines, any age.</summary>
    public IReadOnlyList<Decline> Declines { get; init; } = [];

    /// <summary>Moments at which this session was already prompted.</summary>
    public IReadOnlySet<Moment> PromptedMoments { get; init; } = new HashSet<Moment>();

    /// <summary>How many prompts this session has seen.</summary>
    public int SessionPrompts => PromptedMoments.Count;
}
