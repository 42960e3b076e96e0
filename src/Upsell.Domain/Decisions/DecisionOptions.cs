using System.Collections.Frozen;
using System.ComponentModel.DataAnnotations;

namespace Upsell.Domain.Decisions;

/// <summary>The knobs of the offer decision, bound from configuration section <see cref="SectionName"/>.</summary>
public sealed class DecisionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Upsell:Decisions";

    /// <summary>Prompts a session may see at most (distinct moments that showed offers).</summary>
    [Range(1, 20)]
    public int SessionPromptCap { get; set; } = 2;

    /// <summary>Days a declined offer (and, with <see cref="SuppressDeclinedKind"/>, its kind) stays away.</summary>
    [Range(0, 365)]
    public int DeclineCooldownDays { get; set; } = 30;

    /// <summary>Whether a decline also keeps other offers of the same kind away during the cool-down.</summary>
    public bool SuppressDeclinedKind { get; set; } = true;

    /// <summary>The share of visitors, in percent, who are never shown offers, to measure true incremental lift.</summary>
    [Range(0.0, 50.0)]
    public double HoldoutPercent { get; set; } = 5;

    /// <summary>The hashing seed of the holdout; changing it reshuffles who is held out.</summary>
    [Required, MinLength(1)]
    public string HoldoutSalt { get; set; } = "upsell-holdout";

    /// <summary>Offers in one answer at most, for every moment but the cart.</summary>
    [Range(1, 10)]
    public int MaxOffers { get; set; } = 1;

    /// <summary>Offers in one answer at most in the cart.</summary>
    [Range(1, 10)]
    public int CartMaxOffers { get; set; } = 3;

    /// <summary>
    /// The moments ranked by what the shop's orders say goes together (<see cref="Ranking.Learned"/>), comma-separated
    /// wire names ("cart,post-purchase"); every other moment ranks by the rules. Empty by default.
    /// </summary>
    [RegularExpression("^[a-z-]*(,[a-z-]+)*$")]
    public string LearnedMoments { get; set; } = string.Empty;

    private LearnedSet? _learned;

    /// <summary>How a moment ranks when no experiment says otherwise; the setting is parsed once, not per decision.</summary>
    public Ranking RankingFor(Offers.Moment moment)
    {
        var learned = _learned;
        if (learned is null || !ReferenceEquals(learned.Source, LearnedMoments))
        {
            learned = new LearnedSet(LearnedMoments, LearnedMoments.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(name => Wire.TryParse<Offers.Moment>(name, out var m) ? m : (Offers.Moment?)null).OfType<Offers.Moment>().ToFrozenSet());
            _learned = learned;
        }

        return learned.Moments.Contains(moment) ? Ranking.Learned : Ranking.Rules;
    }

    /// <summary>The decline cool-down as a span.</summary>
    public TimeSpan DeclineCooldown => TimeSpan.FromDays(DeclineCooldownDays);

    private sealed record LearnedSet(string Source, System.Collections.Frozen.FrozenSet<Offers.Moment> Moments);
}
