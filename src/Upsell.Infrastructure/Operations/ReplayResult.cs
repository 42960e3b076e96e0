namespace Upsell.Infrastructure.Operations;

/// <summary>How many poison messages went back to their queue, and how many are still parked.</summary>
public sealed record ReplayResult(string Name, string Queue, int Moved, int Remaining);
