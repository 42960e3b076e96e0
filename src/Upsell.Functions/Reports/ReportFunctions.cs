using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Upsell.Application.Catalog;
using Upsell.Application.Reports;
using Upsell.Domain;
using Upsell.Domain.Offers;
using Upsell.Domain.Outcomes;
using Upsell.Domain.Statistics;
using Upsell.Functions.Http;

namespace Upsell.Functions.Reports;

/// <summary>The merchant's reports under <c>/api/manage/reports</c>, function-key protected: JSON built from counters only.</summary>
public sealed class ReportFunctions(CatalogAdmin admin, ReportService reports, TimeProvider time, IOptions<ReportOptions> options)
{
    [Function(nameof(ListExperimentReports))]
    public async Task<IActionResult> ListExperimentReports(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/reports/experiments")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var experiments = await admin.ListExperimentsAsync(cancellationToken).ConfigureAwait(false);
        var summaries = await Task.WhenAll(experiments.Select(e => reports.SummaryAsync(e.Document, cancellationToken))).ConfigureAwait(false);
        return Responses.Json<IReadOnlyList<ExperimentSummary>>(summaries, ApiJson.Default.IReadOnlyListExperimentSummary);
    }

    [Function(nameof(GetExperimentReport))]
    public async Task<IActionResult> GetExperimentReport(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/reports/experiments/{key}")] HttpRequest request,
        string key,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await admin.GetExperimentAsync(key, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return Responses.Problem(StatusCodes.Status404NotFound, "No such experiment", [new("key", "names no experiment")]);
        }

        var current = stored.Document.Phase ?? 1;
        var phase = current;
        if (request.Query["phase"] is { Count: > 0 } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out phase) || phase < 1 || phase > current))
        {
            return Responses.Invalid("phase", $"must be a phase of this experiment, 1 to {current}");
        }

        var report = await reports.ExperimentAsync(stored.Document, phase, cancellationToken).ConfigureAwait(false);
        return Responses.Json(report, ApiJson.Default.ExperimentReport);
    }

    [Function(nameof(GetMomentReport))]
    public async Task<IActionResult> GetMomentReport(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/reports/moments")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (from, to, error) = ReportRange.Read(request, time.GetUtcNow(), options.Value.MaxRangeDays);
        if (error is not null)
        {
            return Responses.Invalid([error]);
        }

        var by = request.Query["by"].ToString() is { Length: > 0 } dimension ? dimension : "device";
        if (!Segment.Dimensions.Contains(by))
        {
            return Responses.Invalid("by", $"must be one of {string.Join(", ", Segment.Dimensions)}");
        }

        IReadOnlyList<Moment> moments = Enum.GetValues<Moment>();
        if (request.Query["moment"].ToString() is { Length: > 0 } name)
        {
            if (!Wire.TryParse<Moment>(name, out var moment))
            {
                return Responses.Invalid("moment", $"must be one of {string.Join(", ", Wire.All<Moment>())}");
            }

            moments = [moment];
        }

        var report = await reports.MomentsAsync(moments, by, from, to, cancellationToken).ConfigureAwait(false);
        return Responses.Json(report, ApiJson.Default.MomentsReport);
    }

    [Function(nameof(GetOfferReport))]
    public async Task<IActionResult> GetOfferReport(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/reports/offers")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (from, to, error) = ReportRange.Read(request, time.GetUtcNow(), options.Value.MaxRangeDays);
        if (error is not null)
        {
            return Responses.Invalid([error]);
        }

        var offers = await admin.ListOffersAsync(cancellationToken).ConfigureAwait(false);
        var experiments = await admin.ListExperimentsAsync(cancellationToken).ConfigureAwait(false);
        var report = await reports.OffersAsync([.. offers.Select(o => o.Document)], [.. experiments.Select(e => e.Document)], from, to, cancellationToken).ConfigureAwait(false);
        return Responses.Json(report, ApiJson.Default.OffersReport);
    }

    [Function(nameof(GetHoldoutReport))]
    public async Task<IActionResult> GetHoldoutReport(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/reports/holdout")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (from, to, error) = ReportRange.Read(request, time.GetUtcNow(), options.Value.MaxRangeDays);
        if (error is not null)
        {
            return Responses.Invalid([error]);
        }

        return Responses.Json(await reports.HoldoutAsync(from, to, cancellationToken).ConfigureAwait(false), ApiJson.Default.HoldoutReport);
    }
}
