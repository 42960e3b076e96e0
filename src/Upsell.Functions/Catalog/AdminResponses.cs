using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Upsell.Domain.Catalog;
using Upsell.Functions.Http;
using Upsell.Infrastructure.Catalog;

namespace Upsell.Functions.Catalog;

/// <summary>Maps catalog reads and writes to HTTP: ETag headers, 201 with Location, 404, 409, 412 and 400.</summary>
public static class AdminResponses
{
    public static string? IfMatch(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var value = request.Headers.IfMatch.ToString();
        return string.IsNullOrWhiteSpace(value) || value == "*" ? null : value;
    }

    public static IActionResult Found<T>(HttpRequest request, Stored<T>? stored, JsonTypeInfo<T> type, string what) where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (stored is null)
        {
            return NotFound(what);
        }

        request.HttpContext.Response.Headers.ETag = stored.ETag;
        return Responses.Json(stored.Document, type);
    }

    public static IActionResult Saved<T>(HttpRequest request, AdminResult<T> result, JsonTypeInfo<T> type, string location, string what) where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        if (result.IsInvalid && result.Write is null)
        {
            return Responses.Invalid(result.Errors);
        }

        switch (result.Write)
        {
            case CatalogWrite.Created or CatalogWrite.Replaced:
                if (result.ETag is not null)
                {
                    request.HttpContext.Response.Headers.ETag = result.ETag;
                }

                if (result.Write == CatalogWrite.Created)
                {
                    request.HttpContext.Response.Headers.Location = location;
                }

                return Responses.Json(result.Document!, type, result.Write == CatalogWrite.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
            case CatalogWrite.AlreadyExists:
                return Responses.Problem(StatusCodes.Status409Conflict, $"The {what} already exists", result.Errors.Count > 0 ? result.Errors : [new FieldError("id", "is taken; use PUT to replace it")]);
            default:
                return Unsaved(result.Write, what);
        }
    }

    public static IActionResult Deleted<T>(AdminResult<T> result, string what) where T : class
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Write switch
        {
            CatalogWrite.Deleted => new NoContentResult(),
            CatalogWrite.AlreadyExists => Responses.Problem(StatusCodes.Status409Conflict, $"The {what} is in use", result.Errors),
            _ => Unsaved(result.Write, what),
        };
    }

    public static IActionResult NotFound(string what) =>
        Responses.Problem(StatusCodes.Status404NotFound, $"No such {what}", []);

    private static IActionResult Unsaved(CatalogWrite? write, string what) => write switch
    {
        CatalogWrite.NotFound => NotFound(what),
        _ => Responses.Problem(StatusCodes.Status412PreconditionFailed, $"The {what} changed since it was read",
            [new FieldError("If-Match", "does not match the stored ETag; read it again")]),
    };
}
