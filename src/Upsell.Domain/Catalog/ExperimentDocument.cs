using Upsell.Domain.Experiments;
using Upsell.Domain.Offers;
using Upsell.Domain.Validation;

namespace Upsell.Domain.Catalog;

/// <summary>
/// An experiment as the admin API carries it, and the merchant's written playbook: hypothesis, primary metric,
/// status, and the decision with its reason. The phase is the server's: it starts at 1 and goes up whenever a
/// replace changes the arms, the allocation or a fixed test's weights, so visitors are split afresh;
/// <see cref="Phases"/> keeps each phase's start. A bandit's weights are the server's once it has started: they start
/// as given and the bandit moves them within the phase, so a replace must carry the current ones.
/// </summary>
public sealed record ExperimentDocument
{
    /// <summary>See <see cref="Experiment.Key"/>.</summary>
    public string? Key { get; init; }

    /// <summary>The moment's wire name.</summary>
    public string? Moment { get; init; }

    /// <summary>See <see cref="Experiment.SubjectOfferId"/>.</summary>
    public string? SubjectOfferId { get; init; }

    /// <summary>"draft", "running" or "stopped"; draft when left out.</summary>
    public string? Status { get; init; }

    /// <summary>Read-only: the current phase.</summary>
    public int? Phase { get; init; }

    /// <summary>See <see cref="Experiment.Coverage"/>; 1 (everyone) when left out.</summary>
    public double? Coverage { get; init; }

    /// <summary>"fixed" or "bandit"; fixed when left out.</summary>
    public string? Allocation { get; init; }

    /// <summary>What the merchant expects and why ("A bundle headline lifts acceptance because ...").</summary>
    public string? Hypothesis { get; init; }

    /// <summary>"acceptance-rate" or "revenue-per-visitor": what the verdict is judged on; acceptance rate when left out.</summary>
    public string? PrimaryMetric { get; init; }

    /// <summary>Required once stopped or shipped: the arm kept and why.</summary>
    public DecisionDocument? Decision { get; init; }

    /// <summary>Read-only: every phase so far, oldest first.</summary>
    public IReadOnlyList<PhaseDocument>? Phases { get; init; }

    /// <summary>The primary metric, acceptance rate when left out; call after validation found nothing.</summary>
    public Statistics.Metric MetricOrDefault() => Wire.TryParse<Statistics.Metric>(PrimaryMetric, out var metric) ? metric : Statistics.Metric.AcceptanceRate;

    /// <summary>The arms, control first.</summary>
    public IReadOnlyList<VariantDocument>? Variants { get; init; }

    /// <summary>Every problem with the document, checked against the catalog's offers and other experiments.</summary>
    public IReadOnlyList<FieldError> Validate(IReadOnlyDictionary<string, Offer> offers, IEnumerable<Experiment> experiments)
    {
        ArgumentNullException.ThrowIfNull(offers);
        var errors = new List<FieldError>();
        Fields.RequireId(errors, "key", Key);
        var momentValid = Wire.TryParse<Moment>(Moment, out var moment);
        if (!momentValid)
        {
            errors.Add(new FieldError("moment", $"must be one of {string.Join(", ", Wire.All<Moment>())}"));
        }

        if (string.IsNullOrEmpty(SubjectOfferId))
        {
            errors.Add(new FieldError("subjectOfferId", "is required"));
        }
        else if (!offers.TryGetValue(SubjectOfferId, out var subject))
        {
            errors.Add(new FieldError("subjectOfferId", "names no offer in the catalog"));
        }
        else if (momentValid && !subject.Moments.Contains(moment))
        {
            errors.Add(new FieldError("subjectOfferId", $"is not offered at moment {Moment}"));
        }

        var statusValid = Wire.TryParse<ExperimentStatus>(Status ?? Wire.Name(ExperimentStatus.Draft), out var status);
        if (!statusValid)
        {
            errors.Add(new FieldError("status", $"must be one of {string.Join(", ", Wire.All<ExperimentStatus>())}"));
        }

        if (statusValid && momentValid && status == ExperimentStatus.Running
            && experiments.FirstOrDefault(e => e.Moment == moment && e.Status == ExperimentStatus.Running && e.Key != Key) is { } other)
        {
            errors.Add(new FieldError("status", $"experiment {other.Key} already runs at moment {Moment}; stop it first"));
        }

        if (Coverage is { } coverage && (double.IsNaN(coverage) || coverage < 0 || coverage > 1))
        {
            errors.Add(new FieldError("coverage", "must be between 0 and 1 (the share of the moment's visitors in the experiment)"));
        }

        if (Allocation is not null && !Wire.TryParse<Allocation>(Allocation, out _))
        {
            errors.Add(new FieldError("allocation", $"must be one of {string.Join(", ", Wire.All<Allocation>())}"));
        }

        ValidateVariants(errors, offers);
        ValidatePlaybook(errors, statusValid ? status : null);
        return errors;
    }

    /// <summary>
    /// The document to store after replacing <paramref name="current"/>: the server's phase and phase history, and
    /// the decision dated when it was made (stopping, then shipping, dates each), with the verdict read then. A draft
    /// has not split anyone yet, so it stays in its
    /// phase and saves every weight as typed; once a bandit has started, its weights within the phase are its own
    /// (<see cref="ValidateSave"/> refuses a replace that carries others).
    /// </summary>
    public ExperimentDocument Normalise(ExperimentDocument? current, DateTimeOffset now)
    {
        var currentExperiment = current?.ToExperiment(current.Phase ?? 1);
        var draft = currentExperiment is { Status: ExperimentStatus.Draft };
        var phase = draft ? currentExperiment!.Phase : NextPhase(currentExperiment);
        var phases = current?.Phases ?? [];
        var proposed = ToExperiment(phase);
        if (BanditOwnsWeights(currentExperiment))
        {
            var kept = currentExperiment!.Variants.ToDictionary(v => v.Key, v => v.Weight, StringComparer.Ordinal);
            proposed = proposed with { Variants = [.. proposed.Variants.Select(v => v with { Weight = kept[v.Key] })] };
        }

        var started = new PhaseDocument(phase, now, proposed.Variants.ToDictionary(v => v.Key, v => v.Weight, StringComparer.Ordinal), Wire.Name(proposed.Allocation));
        if (current is null || phase != current.Phase || phases.Count == 0)
        {
            phases = [.. phases, started];
        }
        else if (draft)
        {
            phases = [.. phases.SkipLast(1), started with { StartedAt = phases[^1].StartedAt }];
        }

        // The decision is dated when it is made: kept across saves of the same decision, new when a stopped
        // experiment is shipped or another arm is kept; its verdict is the one read then.
        var same = current?.Decision is { } previous && current.Status == Status && previous.Variant == Decision?.Variant;
        var decision = Decision is null ? null : same
            ? Decision with { DecidedAt = current!.Decision!.DecidedAt, Verdict = current.Decision.Verdict }
            : Decision with { DecidedAt = now };
        return From(proposed) with
        {
            Hypothesis = Hypothesis,
            PrimaryMetric = Wire.Name(MetricOrDefault()),
            Decision = decision,
            Phases = phases,
        };
    }

    /// <summary>
    /// What a save may not do, beyond <see cref="Validate"/>, given the stored <paramref name="current"/> (null for a
    /// new experiment); checked when the merchant saves, not when a stored document is read, so nothing stored
    /// before a rule existed drops out of the catalog:
    /// <list type="bullet">
    /// <item>a bandit's arm may not be set to 0%: it would get no visitors, so the bandit could never learn it;</item>
    /// <item>a started bandit's weights within its phase are the bandit's, so a replace must carry them as they are
    /// (to a hundredth of a percent, what the console shows) or change the arms or the allocation, which starts a new
    /// phase. Refused rather than ignored, so a merchant never reads "Saved" over shares that were not.</item>
    /// </list>
    /// </summary>
    public IReadOnlyList<FieldError> ValidateSave(ExperimentDocument? current)
    {
        var errors = new List<FieldError>();
        if (Variants is null)
        {
            return errors;
        }

        var currentExperiment = current?.ToExperiment(current.Phase ?? 1);
        var owned = BanditOwnsWeights(currentExperiment);
        for (var i = 0; i < Variants.Count; i++)
        {
            if (owned && Variants[i].Weight is { } sent && Math.Abs(sent - currentExperiment!.Variants[i].Weight) > WeightTolerance)
            {
                errors.Add(new FieldError($"variants[{i}].weight", string.Format(System.Globalization.CultureInfo.InvariantCulture,
                    "is the bandit's while it runs ({0:0.##%} now): send it unchanged, or change the arms or the allocation to start a new phase", currentExperiment.Variants[i].Weight)));
            }
            else if (!owned && Allocation == Wire.Name(Experiments.Allocation.Bandit) && Variants[i].Weight is 0)
            {
                errors.Add(new FieldError($"variants[{i}].weight", "must be above 0 in a bandit: an arm with no share gets no visitors, so the bandit can never learn it"));
            }
        }

        return errors;
    }

    // Half a hundredth of a percent: a weight shown as 12.35% and sent back is the weight stored.
    private const double WeightTolerance = 0.00005 + 1e-12;

    // A bandit that has started moves its own weights within the phase; a draft's are the merchant's.
    private bool BanditOwnsWeights(Experiment? current) =>
        current is { Allocation: Experiments.Allocation.Bandit, Status: not ExperimentStatus.Draft } && NextPhase(current) == current.Phase;

    private void ValidatePlaybook(List<FieldError> errors, ExperimentStatus? status)
    {
        if (Hypothesis is { Length: > Limits.ExperimentText })
        {
            errors.Add(new FieldError("hypothesis", $"must be at most {Limits.ExperimentText} characters"));
        }

        if (PrimaryMetric is not null && !Wire.TryParse<Statistics.Metric>(PrimaryMetric, out _))
        {
            errors.Add(new FieldError("primaryMetric", $"must be one of {string.Join(", ", Wire.All<Statistics.Metric>())}"));
        }

        var ended = status is ExperimentStatus.Stopped or ExperimentStatus.Shipped;
        if (!ended)
        {
            if (Decision is not null)
            {
                errors.Add(new FieldError("decision", "is recorded when the experiment is stopped or shipped"));
            }

            return;
        }

        if (Decision is null)
        {
            errors.Add(new FieldError("decision", "is required once stopped or shipped: the variant kept and the reason"));
            return;
        }

        if (Variants is not null && !Variants.Any(v => v?.Key is not null && v.Key == Decision.Variant))
        {
            errors.Add(new FieldError("decision.variant", "must name one of the experiment's variants"));
        }

        if (string.IsNullOrWhiteSpace(Decision.Reason) || Decision.Reason.Length > Limits.ExperimentText)
        {
            errors.Add(new FieldError("decision.reason", $"must say why, in 1 to {Limits.ExperimentText} characters"));
        }

        if (Decision.Verdict is { Length: > Limits.ExperimentText })
        {
            errors.Add(new FieldError("decision.verdict", $"must be at most {Limits.ExperimentText} characters"));
        }
    }

    /// <summary>
    /// The domain experiment in its phase and no errors, or no experiment and every field error, checked against the
    /// catalog's offers and the other experiments: never a half-valid experiment.
    /// </summary>
    public (Experiment? Experiment, IReadOnlyList<FieldError> Errors) ToExperiment(IReadOnlyDictionary<string, Offer> offers, IEnumerable<Experiment> experiments)
    {
        var errors = Validate(offers, experiments);
        return errors.Count > 0 ? (null, errors) : (ToExperiment(Phase ?? 1), []);
    }

    /// <summary>The domain experiment of a stored document (validated when it was stored) in a phase.</summary>
    public Experiment ToExperiment(int phase) => new()
    {
        Key = Key!,
        Moment = Wire.TryParse<Moment>(Moment, out var moment) ? moment : throw new InvalidOperationException($"Experiment {Key}: moment {Moment} does not parse; validate it first."),
        SubjectOfferId = SubjectOfferId!,
        Status = Wire.TryParse<ExperimentStatus>(Status ?? Wire.Name(ExperimentStatus.Draft), out var status) ? status : throw new InvalidOperationException($"Experiment {Key}: status {Status} does not parse; validate it first."),
        Phase = phase,
        Coverage = Coverage ?? 1,
        Allocation = Wire.TryParse<Allocation>(Allocation, out var allocation) ? allocation : Experiments.Allocation.Fixed,
        Variants = [.. Variants!.Select(v => v.ToVariant())],
    };

    /// <summary>
    /// The phase after replacing <paramref name="current"/> with this document: a new one when the arms or the
    /// allocation change, or a fixed test's weights; a bandit moves its own weights within the phase, and coverage
    /// grows or shrinks every arm in place (<see cref="BucketRanges"/>), so neither re-splits anyone.
    /// </summary>
    public int NextPhase(Experiment? current)
    {
        if (current is null)
        {
            return 1;
        }

        var allocation = Wire.TryParse<Allocation>(Allocation, out var parsed) ? parsed : Experiments.Allocation.Fixed;
        var same = allocation == current.Allocation && (allocation == Experiments.Allocation.Bandit
            ? current.Variants.Select(v => v.Key).SequenceEqual(Variants!.Select(v => v.Key!), StringComparer.Ordinal)
            : current.Variants.Select(v => (v.Key, v.Weight)).SequenceEqual(Variants!.Select(v => (v.Key!, v.Weight!.Value))));
        return same ? current.Phase : current.Phase + 1;
    }

    /// <summary>The document of a domain experiment.</summary>
    public static ExperimentDocument From(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        return new()
        {
            Key = experiment.Key,
            Moment = Wire.Name(experiment.Moment),
            SubjectOfferId = experiment.SubjectOfferId,
            Status = Wire.Name(experiment.Status),
            Phase = experiment.Phase,
            Coverage = experiment.Coverage,
            Allocation = Wire.Name(experiment.Allocation),
            Variants = [.. experiment.Variants.Select(VariantDocument.From)],
        };
    }

    private void ValidateVariants(List<FieldError> errors, IReadOnlyDictionary<string, Offer> offers)
    {
        if (Variants is null || Variants.Count < 2 || Variants.Count > Limits.Variants)
        {
            errors.Add(new FieldError("variants", $"must have 2 to {Limits.Variants} arms, control first"));
            return;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Variants.Count; i++)
        {
            ValidateVariant(errors, $"variants[{i}]", Variants[i], control: i == 0, keys, offers);
        }

        var sum = Variants.Sum(v => v?.Weight ?? 0);
        if (Math.Abs(sum - 1) > 0.0001)
        {
            errors.Add(new FieldError("variants", $"weights must add up to 1, not {sum:0.####}"));
        }
    }

    // One arm: a key of its own, a weight, and changes that exist (the control has none).
    private static void ValidateVariant(List<FieldError> errors, string field, VariantDocument? variant, bool control, HashSet<string> keys, IReadOnlyDictionary<string, Offer> offers)
    {
        if (variant is null)
        {
            errors.Add(new FieldError(field, "is required"));
            return;
        }

        Fields.RequireId(errors, $"{field}.key", variant.Key);
        if (variant.Key is not null && !keys.Add(variant.Key))
        {
            errors.Add(new FieldError($"{field}.key", "is used by another arm"));
        }

        if (variant.Weight is not { } weight || double.IsNaN(weight) || weight < 0 || weight > 1)
        {
            errors.Add(new FieldError($"{field}.weight", "must be between 0 and 1"));
        }

        if (control && variant.ChangesOffer)
        {
            errors.Add(new FieldError(field, "is the control and must show the subject offer unchanged"));
        }

        if (variant.OfferId is not null && !offers.ContainsKey(variant.OfferId))
        {
            errors.Add(new FieldError($"{field}.offerId", "names no offer in the catalog"));
        }

        ValidateCopy(errors, field, variant.Copy);
        if (variant.PriceMinor is < 0 or > Limits.Price)
        {
            errors.Add(new FieldError($"{field}.priceMinor", $"must be between 0 and {Limits.Price} minor units"));
        }

        ProductFields.ValidateImageUrl(errors, $"{field}.imageUrl", variant.ImageUrl);
        if (variant.Ranking is not null && !Wire.TryParse<Decisions.Ranking>(variant.Ranking, out _))
        {
            errors.Add(new FieldError($"{field}.ranking", $"must be one of {string.Join(", ", Wire.All<Decisions.Ranking>())}"));
        }
    }

    private static void ValidateCopy(List<FieldError> errors, string field, IReadOnlyDictionary<string, CopyDocument>? copies)
    {
        foreach (var (locale, copy) in copies ?? new Dictionary<string, CopyDocument>())
        {
            if (!Money.MoneyFormatter.IsKnownLocale(locale))
            {
                errors.Add(new FieldError($"{field}.copy.{locale}", "is not a known locale such as \"en\" or \"de-DE\""));
            }
            else if (copy is null)
            {
                errors.Add(new FieldError($"{field}.copy.{locale}", "is required"));
            }
            else
            {
                copy.Validate(errors, $"{field}.copy.{locale}");
            }
        }
    }
}
