namespace Upsell.Domain.Validation;

/// <summary>A field that failed validation, by its JSON path ("targeting.countries[2]"), and why.</summary>
public sealed record FieldError(string Field, string Message);
