using Upsell.Domain.Outcomes;

namespace Upsell.Application.Reports;

/// <summary>
/// Traffic quality beside the verdict: each arm's signs (<see cref="ArmTraffic"/>) and the ones that depart from the
/// other arms' (<see cref="TrafficQuality"/>); <see cref="Flagged"/> when any does, and <see cref="Text"/> says which.
/// </summary>
public sealed record TrafficReport(IReadOnlyList<ArmTrafficReport> Arms, IReadOnlyList<TrafficSign> Signs, bool Flagged, string Text)
{
    /// <summary>Why the verdict may not be shipped yet: the flag's text, while an arm is flagged.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? ShipRefusal => Flagged ? Text : null;

    public static TrafficReport Of(IReadOnlyList<ArmTraffic> arms)
    {
        ArgumentNullException.ThrowIfNull(arms);
        var signs = TrafficQuality.Signs(arms);
        var text = signs.Count == 0
            ? "Traffic looks like shoppers in every arm."
            : $"Traffic quality: {string.Join("; ", signs.GroupBy(s => s.Arm).Select(g => $"arm {g.Key}: {string.Join(", ", g.Select(s => s.Text))}"))}. This looks scripted: check the traffic before acting on the verdict.";
        return new TrafficReport([.. arms.Select(ArmTrafficReport.Of)], signs, signs.Count > 0, text);
    }
}

/// <summary>One arm's traffic-quality signs, as counted.</summary>
public sealed record ArmTrafficReport(
    string Key, long EventsReceived, double EventsPerDecision, long EarlyAccepts, double EarlyShare, long HastyAccepts, double HastyShare,
    long Networks, double VisitorsPerNetwork, long AcceptingNetworks, double AcceptersPerNetwork)
{
    public static ArmTrafficReport Of(ArmTraffic arm)
    {
        ArgumentNullException.ThrowIfNull(arm);
        return new(arm.Key, arm.Counts.Received, arm.EventsPerDecision, arm.Counts.EarlyAccepts, arm.EarlyShare, arm.Counts.HastyAccepts, arm.HastyShare,
            arm.Networks, arm.VisitorsPerNetwork, arm.AcceptingNetworks, arm.AcceptersPerNetwork);
    }
}
