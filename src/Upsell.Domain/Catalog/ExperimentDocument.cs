using Upsell.Domain.Experiments;
using Upsell.Domain.Offers;

namespace Upsell.Domain.Catalog;

/// <summary>
/// An experiment as the admin API carries it. The phase is the server's: it starts at 1 and goes up whenever a
/// replace changes the weights, so visitors are split afresh.
/// </summary>
public sealed record ExperimentDocument
{
    /// <summary>The most arms an experiment may have.</summary>
    public const int MaxVariants = 10;

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

        ValidateVariants(errors, offers);
        return errors;
    }

    /// <summary>The domain experiment in a phase; call after validation found nothing.</summary>
    public Experiment ToExperiment(int phase) => new()
    {
        Key = Key!,
        Moment = Wire.TryParse<Moment>(Moment, out var moment) ? moment : default,
        SubjectOfferId = SubjectOfferId!,
        Status = Wire.TryParse<ExperimentStatus>(Status ?? Wire.Name(ExperimentStatus.Draft), out var status) ? status : default,
        Phase = phase,
        Variants = [.. Variants!.Select(v => v.ToVariant())],
    };

    /// <summary>The phase after replacing <paramref name="current"/> with this document: a new one when weights change.</summary>
    public int NextPhase(Experiment? current) =>
        current is null ? 1
        : current.Variants.Select(v => (v.Key, v.Weight)).SequenceEqual(Variants!.Select(v => (v.Key!, v.Weight!.Value))) ? current.Phase
        : current.Phase + 1;

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
            Variants = [.. experiment.Variants.Select(VariantDocument.From)],
        };
    }

    private void ValidateVariants(List<FieldError> errors, IReadOnlyDictionary<string, Offer> offers)
    {
        if (Variants is null || Variants.Count < 2 || Variants.Count > MaxVariants)
        {
            errors.Add(new FieldError("variants", $"must have 2 to {MaxVariants} arms, control first"));
            return;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Variants.Count; i++)
        {
            var field = $"variants[{i}]";
            var variant = Variants[i];
            if (variant is null)
            {
                errors.Add(new FieldError(field, "is required"));
                continue;
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

            if (i == 0 && variant.ChangesOffer)
            {
                errors.Add(new FieldError(field, "is the control and must show the subject offer unchanged"));
            }

            if (variant.OfferId is not null && !offers.ContainsKey(variant.OfferId))
            {
                errors.Add(new FieldError($"{field}.offerId", "names no offer in the catalog"));
            }

            foreach (var (locale, copy) in variant.Copy ?? new Dictionary<string, CopyDocument>())
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
            if (variant.PriceMinor is < 0 or > PriceDocument.MaxAmount)
            {
                errors.Add(new FieldError($"{field}.priceMinor", $"must be between 0 and {PriceDocument.MaxAmount} minor units"));
            }
        }

        var sum = Variants.Sum(v => v?.Weight ?? 0);
        if (Math.Abs(sum - 1) > 0.0001)
        {
            errors.Add(new FieldError("variants", $"weights must add up to 1, not {sum:0.####}"));
        }
    }
}
