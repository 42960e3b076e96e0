
namespace Upsell.Application.Reports;

/// <summary>The sample-ratio-mismatch test of an experiment's visitors against its weights.</summary>
public sealed record SampleRatioReport(double ChiSquare, double PValue, double Threshold, bool Mismatch);
