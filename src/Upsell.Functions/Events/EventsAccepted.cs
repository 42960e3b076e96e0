namespace Upsell.Functions.Events;

/// <summary>The 202 answer: how many events were queued for recording.</summary>
public sealed record EventsAccepted(int Accepted);
