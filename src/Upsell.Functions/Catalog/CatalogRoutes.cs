using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Upsell.Application.Catalog;
using Upsell.Domain.Validation;
using Upsell.Functions.Http;
using Upsell.Infrastructure.Catalog;

namespace Upsell.Functions.Catalog;

/// <summary>
/// The one shape of the admin API's catalog routes, for offers and experiments alike: list, read with its ETag,
/// create (201 with Location, 409 when taken), replace and delete under <c>If-Match</c> (412 when it changed or the
/// tag cannot be one of ours), 404 and 400 with every field named.
/// </summary>
/// <typeparam name="T">The stored document.</typeparam>
/// <param name="What">What the merchant calls it in messages: "offer", "experiment".</param>
/// <param name="IdField">The document's id field, named when a body's id and the URL's differ.</param>
/// <param name="Path">The collection's path; a created document is at <c>{Path}/{id}</c>.</param>
public sealed record CatalogRoutes<T>(
    string What,
    string IdField,
    string Path,
    JsonTypeInfo<T> Type,
    JsonTypeInfo<IReadOnlyList<T>> ListType,
    Func<T, string?> IdOf,
    Func<T, string, T> WithId,
    Func<CancellationToken, Task<IReadOnlyList<Stored<T>>>> List,
    Func<string, CancellationToken, Task<Stored<T>?>> Get,
    Func<T, bool, string?, CancellationToken, Task<AdminResult<T>>> Save,
    Func<string, string?, CancellationToken, Task<AdminResult<T>>> Delete)
    where T : class
{
    public async Task<IActionResult> ListAsync(CancellationToken cancellationToken)
    {
        var stored = await List(cancellationToken).ConfigureAwait(false);
        return Responses.Json<IReadOnlyList<T>>([.. stored.Select(s => s.Document)], ListType);
    }

    public async Task<IActionResult> GetAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stored = await Get(id, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return NotFound();
        }

        request.HttpContext.Response.Headers.ETag = stored.ETag;
        return Responses.Json(stored.Document, Type);
    }

    public async Task<IActionResult> CreateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadAsync(request, Type, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return Responses.Invalid([error]);
        }

        var result = await Save(document!, true, null, cancellationToken).ConfigureAwait(false);
        return Saved(request, result, $"{Path}/{IdOf(document!)}");
    }

    public async Task<IActionResult> ReplaceAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadAsync(request, Type, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return Responses.Invalid([error]);
        }

        if (IdOf(document!) is { } inBody && inBody != id)
        {
            return Responses.Invalid(IdField, $"must match the {IdField} in the URL");
        }

        if (!TryIfMatch(request, out var ifMatch))
        {
            return Unsaved(CatalogWrite.ETagMismatch);
        }

        var result = await Save(WithId(document!, id), false, ifMatch, cancellationToken).ConfigureAwait(false);
        return Saved(request, result, $"{Path}/{id}");
    }

    public async Task<IActionResult> DeleteAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (!TryIfMatch(request, out var ifMatch))
        {
            return Unsaved(CatalogWrite.ETagMismatch);
        }

        var result = await Delete(id, ifMatch, cancellationToken).ConfigureAwait(false);
        return result.Write switch
        {
            CatalogWrite.Deleted => new NoContentResult(),
            CatalogWrite.AlreadyExists => Responses.Problem(StatusCodes.Status409Conflict, $"The {What} is in use", result.Errors),
            _ => Unsaved(result.Write),
        };
    }

    // No If-Match (or "*") writes whatever is stored; a tag with characters no ETag of ours has can match nothing.
    private static bool TryIfMatch(HttpRequest request, out string? ifMatch)
    {
        ArgumentNullException.ThrowIfNull(request);
        var value = request.Headers.IfMatch.ToString();
        ifMatch = string.IsNullOrWhiteSpace(value) || value == "*" ? null : value;
        return ifMatch is null || ifMatch.All(c => c is >= ' ' and <= '~');
    }

    private ContentResult Saved(HttpRequest request, AdminResult<T> result, string location)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (result.IsInvalid && result.Write is null)
        {
            return Responses.Invalid(result.Errors);
        }

        if (result.Write is not (CatalogWrite.Created or CatalogWrite.Replaced))
        {
            return result.Write == CatalogWrite.AlreadyExists
                ? Responses.Problem(StatusCodes.Status409Conflict, $"The {What} already exists", result.Errors.Count > 0 ? result.Errors : [new FieldError("id", "is taken; use PUT to replace it")])
                : Unsaved(result.Write);
        }

        if (result.ETag is not null)
        {
            request.HttpContext.Response.Headers.ETag = result.ETag;
        }

        var created = result.Write == CatalogWrite.Created;
        if (created)
        {
            request.HttpContext.Response.Headers.Location = location;
        }

        return Responses.Json(result.Document!, Type, created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private ContentResult NotFound() => Responses.Problem(StatusCodes.Status404NotFound, $"No such {What}", []);

    private ContentResult Unsaved(CatalogWrite? write) => write == CatalogWrite.NotFound
        ? NotFound()
        : Responses.Problem(StatusCodes.Status412PreconditionFailed, $"The {What} changed since it was read",
            [new FieldError("If-Match", "does not match the stored ETag; read it again")]);
}
