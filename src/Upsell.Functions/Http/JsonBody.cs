using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Upsell.Domain.Catalog;

namespace Upsell.Functions.Http;

/// <summary>Reads a JSON body of bounded size; every failure names the field, or "body" for the body as a whole.</summary>
public static class JsonBody
{
    /// <summary>The largest body any function accepts.</summary>
    public const int MaxBytes = 16 * 1024;

    public static async Task<(T? Value, FieldError? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBytes)
        {
            return (null, TooLarge);
        }

        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        if (length > MaxBytes)
        {
            return (null, TooLarge);
        }

        if (length == 0)
        {
            return (null, new FieldError("body", "is required"));
        }

        try
        {
            var value = JsonSerializer.Deserialize(buffer.AsSpan(0, length), type);
            return value is null ? (null, new FieldError("body", "must be a JSON object")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, new FieldError(FieldOf(e), Describe(e)));
        }
    }

    private static FieldError TooLarge => new("body", $"must be at most {MaxBytes} bytes");

    private static string FieldOf(JsonException e)
    {
        var path = e.Path is null or "$" ? "body" : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path.TrimStart('$');
        var unmapped = UnmappedProperty(e.Message);
        return unmapped is null || path == unmapped || path.EndsWith($".{unmapped}", StringComparison.Ordinal) ? path
            : path == "body" ? unmapped
            : $"{path}.{unmapped}";
    }

    private static string Describe(JsonException e) =>
        UnmappedProperty(e.Message) is not null ? "is not a known field"
        : e.LineNumber is { } line && e.BytePositionInLine is { } position && e.Message.Contains("invalid", StringComparison.OrdinalIgnoreCase)
            ? $"is not valid JSON (line {line + 1}, byte {position + 1})"
            : "has the wrong type or is not valid JSON";

    // System.Text.Json names the unknown property only in its message: "The JSON property 'x' could not be mapped ...".
    private static string? UnmappedProperty(string message)
    {
        const string marker = "The JSON property '";
        var start = message.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0 || !message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return null;
        }

        start += marker.Length;
        var end = message.IndexOf('\'', start);
        return end > start ? message[start..end] : null;
    }
}
