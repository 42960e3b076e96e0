namespace Upsell.Infrastructure.Outcomes;

/// <summary>A record to count under a name; with a scope, the name is listed in that scope of the <see cref="StatsIndex"/>.</summary>
public sealed record Counted(string? Scope, string Name, StatsRecord Record);
