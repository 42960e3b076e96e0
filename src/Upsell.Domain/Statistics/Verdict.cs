namespace Upsell.Domain.Statistics;

/// <summary>The plain-language call on an experiment; <see cref="Variant"/> names the winner when there is one.</summary>
public sealed record Verdict(VerdictKind Kind, string? Variant, string Text);
