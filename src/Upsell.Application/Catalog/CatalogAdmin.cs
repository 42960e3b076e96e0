using Upsell.Domain.Catalog;
using Upsell.Domain.Experiments;
using Upsell.Infrastructure.Catalog;

namespace Upsell.Application.Catalog;

/// <summary>
/// Admin writes to the catalog: every field validated, experiments checked against the stored offers, phases
/// advanced (and recorded) when weights change, and the in-memory catalog reloaded after every change.
/// </summary>
public sealed class CatalogAdmin(CatalogStore store, CatalogSnapshotProvider snapshots, TimeProvider time)
{
    public Task<IReadOnlyList<Stored<OfferDocument>>> ListOffersAsync(CancellationToken cancellationToken) =>
        store.Offers.ListAsync(cancellationToken);

    public Task<Stored<OfferDocument>?> GetOfferAsync(string id, CancellationToken cancellationToken) =>
        store.Offers.GetAsync(id, cancellationToken);

    public async Task<AdminResult<OfferDocument>> SaveOfferAsync(OfferDocument document, bool create, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var (offer, errors) = document.ToOffer();
        if (offer is null)
        {
            return AdminResult.Invalid<OfferDocument>(errors);
        }

        // Store the normalised form, so what GET returns is what decisions use.
        var normalised = OfferDocument.From(offer);
        var (write, etag) = create
            ? await store.Offers.CreateAsync(normalised, cancellationToken).ConfigureAwait(false)
            : await store.Offers.ReplaceAsync(normalised, ifMatch, cancellationToken).ConfigureAwait(false);
        await RefreshIfChangedAsync(write, cancellationToken).ConfigureAwait(false);
        return AdminResult.Of<OfferDocument>(write, normalised, etag);
    }

    public async Task<AdminResult<OfferDocument>> DeleteOfferAsync(string id, string? ifMatch, CancellationToken cancellationToken)
    {
        var experiments = await store.Experiments.ListAsync(cancellationToken).ConfigureAwait(false);
        if (experiments.Select(e => e.Document).FirstOrDefault(e => e.Status != "stopped" && References(e, id)) is { } user)
        {
            return AdminResult.Conflict<OfferDocument>("id", $"experiment {user.Key} uses this offer; stop or change it first");
        }

        var write = await store.Offers.DeleteAsync(id, ifMatch, cancellationToken).ConfigureAwait(false);
        await RefreshIfChangedAsync(write, cancellationToken).ConfigureAwait(false);
        return AdminResult.Of<OfferDocument>(write);
    }

    public Task<IReadOnlyList<Stored<ExperimentDocument>>> ListExperimentsAsync(CancellationToken cancellationToken) =>
        store.Experiments.ListAsync(cancellationToken);

    public Task<Stored<ExperimentDocument>?> GetExperimentAsync(string key, CancellationToken cancellationToken) =>
        store.Experiments.GetAsync(key, cancellationToken);

    public async Task<AdminResult<ExperimentDocument>> SaveExperimentAsync(ExperimentDocument document, bool create, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var offers = (await store.Offers.ListAsync(cancellationToken).ConfigureAwait(false))
            .Select(o => o.Document)
            .Select(o => o.ToOffer().Offer)
            .OfType<Domain.Offers.Offer>()
            .ToDictionary(o => o.Id, StringComparer.Ordinal);
        var stored = await store.Experiments.ListAsync(cancellationToken).ConfigureAwait(false);
        var others = stored
            .Select(e => e.Document)
            .Where(e => e.Key != document.Key)
            .Select(e => e.ToExperiment(offers, []).Experiment)
            .OfType<Domain.Experiments.Experiment>()
            .ToList();
        if (document.Validate(offers, others) is { Count: > 0 } errors)
        {
            return AdminResult.Invalid<ExperimentDocument>(errors);
        }

        var current = stored.FirstOrDefault(e => e.Document.Key == document.Key)?.Document;
        if (document.ValidateSave(create ? null : current) is { Count: > 0 } refused)
        {
            return AdminResult.Invalid<ExperimentDocument>(refused);
        }

        var normalised = document.Normalise(current, time.GetUtcNow());
        var (write, etag) = create
            ? await store.Experiments.CreateAsync(normalised, cancellationToken).ConfigureAwait(false)
            : await store.Experiments.ReplaceAsync(normalised, ifMatch, cancellationToken).ConfigureAwait(false);
        if (write is CatalogWrite.Created or CatalogWrite.Replaced && normalised.Status == "shipped" && current?.Status != "shipped")
        {
            await ShipAsync(normalised, offers, cancellationToken).ConfigureAwait(false);
        }

        await RefreshIfChangedAsync(write, cancellationToken).ConfigureAwait(false);
        return AdminResult.Of<ExperimentDocument>(write, normalised, etag);
    }

    // Shipping makes the winning arm the offer itself (see VariantChanges.Ship). The experiment is already written,
    // so it assigns nobody; a concurrent edit of the offer is read again and the winner applied over it.
    private async Task ShipAsync(ExperimentDocument experiment, Dictionary<string, Domain.Offers.Offer> offers, CancellationToken cancellationToken)
    {
        var variants = experiment.Variants!;
        var winner = variants.FirstOrDefault(v => v.Key == experiment.Decision?.Variant);
        if (winner is null || winner == variants[0])
        {
            return;
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await store.Offers.GetAsync(experiment.SubjectOfferId!, cancellationToken).ConfigureAwait(false) is not { } stored
                || stored.Document.ToOffer().Offer is not { } subject)
            {
                return;
            }

            var variant = winner.ToVariant();
            var shipped = VariantChanges.Ship(subject, variant, variant.OfferId is { } id && offers.TryGetValue(id, out var other) ? other : null);
            var (write, _) = await store.Offers.ReplaceAsync(OfferDocument.From(shipped), stored.ETag, cancellationToken).ConfigureAwait(false);
            if (write != CatalogWrite.ETagMismatch)
            {
                return;
            }
        }
    }

    public async Task<AdminResult<ExperimentDocument>> DeleteExperimentAsync(string key, string? ifMatch, CancellationToken cancellationToken)
    {
        var write = await store.Experiments.DeleteAsync(key, ifMatch, cancellationToken).ConfigureAwait(false);
        await RefreshIfChangedAsync(write, cancellationToken).ConfigureAwait(false);
        return AdminResult.Of<ExperimentDocument>(write);
    }

    private static bool References(ExperimentDocument experiment, string offerId) =>
        experiment.SubjectOfferId == offerId || (experiment.Variants ?? []).Any(v => v.OfferId == offerId);

    private async Task RefreshIfChangedAsync(CatalogWrite write, CancellationToken cancellationToken)
    {
        if (write is CatalogWrite.Created or CatalogWrite.Replaced or CatalogWrite.Deleted)
        {
            await snapshots.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
