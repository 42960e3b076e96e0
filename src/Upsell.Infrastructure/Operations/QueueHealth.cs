namespace Upsell.Infrastructure.Operations;

/// <summary>One queue and its poison queue: how many messages wait, and how long the oldest poison message has.</summary>
public sealed record QueueHealth(string Name, string Queue, int Depth, int PoisonDepth, double? OldestPoisonAgeSeconds);
