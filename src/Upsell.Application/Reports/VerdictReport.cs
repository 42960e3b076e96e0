
namespace Upsell.Application.Reports;

/// <summary>The plain-language call: "keep-running", "variant-wins", "control-wins", "no-detectable-difference" or "sample-ratio-mismatch".</summary>
public sealed record VerdictReport(string Kind, string? Variant, string Text);
