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

    /// <summary>
    /// The holdout's hashing seed: secret, and different in every deployment (the run command generates one into
    /// local.settings.json; in Azure it is a Key Vault secret), since whoever knows it can compute who is held out.
    /// Changing it reshuffles who is held out and starts a new holdout phase, counted from zero.
    /// </summary>
    [Required, MinLength(16)]
    public string HoldoutSalt { get; set; } = string.Empty;

    /// <summary>
    /// The holdout phase the seed makes: a fingerprint of it (not the seed), under which the holdout view counts, so a
    /// new seed never mixes with the old one's counts.
    /// </summary>
    public string HoldoutPhase => _phase is { } phase && ReferenceEquals(phase.Salt, HoldoutSalt) ? phase.Name : (_phase = new(HoldoutSalt, Fingerprint(HoldoutSalt))).Name;

    private PhaseOf? _phase;

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

    private static string Fingerprint(string salt) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("holdout phase|" + salt)).AsSpan(0, 4));

    private sealed record PhaseOf(string Salt, string Name);

    private sealed record LearnedSet(string Source, System.Collections.Frozen.FrozenSet<Offers.Moment> Moments);
}
