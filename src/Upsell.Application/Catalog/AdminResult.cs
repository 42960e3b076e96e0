using Upsell.Domain.Validation;
using Upsell.Infrastructure.Catalog;

namespace Upsell.Application.Catalog;

/// <summary>What an admin write came to: the stored document and its ETag, or why not.</summary>
public sealed record AdminResult<T>(CatalogWrite? Write, T? Document, string? ETag, IReadOnlyList<FieldError> Errors)
    where T : class
{
    public bool IsInvalid => Errors.Count > 0;
}

public static class AdminResult
{
    public static AdminResult<T> Invalid<T>(IReadOnlyList<FieldError> errors) where T : class => new(null, null, null, errors);

    public static AdminResult<T> Of<T>(CatalogWrite write, T? document = null, string? etag = null) where T : class => new(write, document, etag, []);

    public static AdminResult<T> Conflict<T>(string field, string message) where T : class =>
        new(CatalogWrite.AlreadyExists, null, null, [new FieldError(field, message)]);
}
