namespace Upsell.Domain.Decisions;

/// <summary>Why a decision came out as it did; its wire name is the answer's <c>X-Upsell-Reason</c> header.</summary>
public enum DecisionOutcome
{
    /// <summary>One or more offers qualified.</summary>
    Offers,
    /// <summary>The shopper opted out of offers.</summary>
    OptedOut,
    /// <summary>The visitor is in the global holdout.</summary>
    Holdout,
    /// <summary>Exit intent with an empty cart: there is nothing to keep.</summary>
    ExitIntentEmptyCart,
    /// <summary>Exit intent was already prompted in this session.</summary>
    ExitIntentUsed,
    /// <summary>The shopper declined something within the cool-down, so exit intent stays quiet.</summary>
    ExitIntentCooldown,
    /// <summary>The session has seen its cap of prompts.</summary>
    SessionCap,
    /// <summary>No offer is eligible and unsuppressed.</summary>
    NothingEligible,
    /// <summary>Requests of the same session kept changing its state at once; nothing is shown rather than pass the cap.</summary>
    Contended,
}
