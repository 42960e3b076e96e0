using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Upsell.Domain.Validation;

namespace Upsell.Functions.Http;

/// <summary>JSON and problem+json results, serialized with the source-generated <see cref="ApiJson"/>, never sniffed.</summary>
public static class Responses
{
    public static ContentResult Json<T>(T value, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK) => new SecureContentResult
    {
        StatusCode = status,
        ContentType = "application/json; charset=utf-8",
        Content = JsonSerializer.Serialize(value, type),
    };

    public static ContentResult Invalid(IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return Problem(StatusCodes.Status400BadRequest, "The request is invalid", errors);
    }

    public static ContentResult Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    public static ContentResult Problem(int status, string title, IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var detail = errors.Count == 0 ? title : string.Join("; ", errors.Select(e => $"{e.Field} {e.Message}"));
        var problem = new Problem(TypeOf(status), title, status, detail, errors);
        return new SecureContentResult
        {
            StatusCode = status,
            ContentType = "application/problem+json; charset=utf-8",
            Content = JsonSerializer.Serialize(problem, ApiJson.Default.Problem),
        };
    }

    private static string TypeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        StatusCodes.Status401Unauthorized => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        StatusCodes.Status404NotFound => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        StatusCodes.Status409Conflict => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10",
        StatusCodes.Status412PreconditionFailed => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13",
        StatusCodes.Status413PayloadTooLarge => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        StatusCodes.Status415UnsupportedMediaType => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16",
        _ => "about:blank",
    };
}
