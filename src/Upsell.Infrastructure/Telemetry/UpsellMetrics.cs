using System.Diagnostics.Metrics;
using Upsell.Domain;
using Upsell.Domain.Decisions;
using Upsell.Domain.FollowUps;
using Upsell.Domain.Offers;

namespace Upsell.Infrastructure.Telemetry;

/// <summary>
/// The custom metrics an operator watches, on the meter <see cref="MeterName"/>: they leave the worker only when
/// telemetry is configured (Application Insights), and cost a counter increment otherwise.
/// </summary>
public sealed class UpsellMetrics
{
    public const string MeterName = "Upsell";

    private readonly Counter<long> _decisions;
    private readonly Counter<long> _events;
    private readonly Counter<long> _orders;
    private readonly Counter<long> _followUps;
    private readonly Counter<long> _poison;

    public UpsellMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _decisions = meter.CreateCounter<long>("upsell.decisions", "{decision}", "Offer decisions, by moment and outcome (shown, nothing eligible, suppressed, held out, ...).");
        _events = meter.CreateCounter<long>("upsell.events.recorded", "{event}", "Storefront events and exposures recorded, by type.");
        _orders = meter.CreateCounter<long>("upsell.orders.attributed", "{order}", "Orders recorded, by whether an accepted offer's revenue was attributed.");
        _followUps = meter.CreateCounter<long>("upsell.followups", "{email}", "Follow-up emails that reached a state in a timer run, by status.");
        _poison = meter.CreateCounter<long>("upsell.poison.messages", "{message}", "Messages parked in a poison queue, by queue.");
    }

    public void Decided(Moment moment, DecisionOutcome outcome) =>
        _decisions.Add(1, new("moment", Wire.Name(moment)), new("outcome", outcome.ToString()));

    public void Recorded(string type, int count)
    {
        if (count > 0)
        {
            _events.Add(count, new KeyValuePair<string, object?>("type", type));
        }
    }

    public void OrderRecorded(bool attributed) => _orders.Add(1, new KeyValuePair<string, object?>("attributed", attributed));

    public void FollowUpsRan(FollowUpRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var (status, count) in new[] { ("sent", run.Sent), ("skipped", run.Skipped), ("retrying", run.Retrying), ("failed", run.Failed), ("unknown", run.Unknown), ("error", run.Errors) })
        {
            if (count > 0)
            {
                _followUps.Add(count, new KeyValuePair<string, object?>("status", status));
            }
        }
    }

    public void Poisoned(string queue) => _poison.Add(1, new KeyValuePair<string, object?>("queue", queue));
}
