
namespace Upsell.Application.Operations;

/// <summary>
/// How many poison messages went back to their queue, how many are still parked, and how many of those this replay
/// left because they are not base64 (the queue trigger could never read them).
/// </summary>
public sealed record ReplayResult(string Name, string Queue, int Moved, int Remaining, int Undecodable);
