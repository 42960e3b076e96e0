
namespace Upsell.Application.Operations;

/// <summary>
/// One queue and its poison queue: how many messages wait, how long the oldest poison message has, and the ids of
/// poison messages (among the first 32) that are not base64, which no replay can deliver.
/// </summary>
public sealed record QueueHealth(string Name, string Queue, int Depth, int PoisonDepth, double? OldestPoisonAgeSeconds, IReadOnlyList<string> UndecodablePoison);
