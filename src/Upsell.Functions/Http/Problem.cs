using Upsell.Domain.Validation;

namespace Upsell.Functions.Http;

/// <summary>An RFC 9457 problem; <see cref="Errors"/> names every field that is wrong.</summary>
public sealed record Problem(string Type, string Title, int Status, string Detail, IReadOnlyList<FieldError> Errors);
