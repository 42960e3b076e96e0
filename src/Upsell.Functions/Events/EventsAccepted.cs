namespace Upsell.Functions.Events;

/// <summary>
/// The 202 answer: how many events were queued for recording, and how many were dropped because their decision token
/// had sent its budget of events (<see cref="Infrastructure.Traffic.TrafficOptions.EventsPerDecision"/>).
/// </summary>
public sealed record EventsAccepted(int Accepted, int Dropped = 0);
