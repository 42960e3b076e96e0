using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Upsell.Domain.Catalog;

namespace Upsell.Functions.Http;

/// <summary>Reads a JSON body of bounded size; every failure names the field, or "body" for the body as a whole.</summary>
public static class JsonBody
{
    /// <summary>The largest body a function accepts unless it says otherwise.</summary>
    public const int MaxBytes = 16 * 1024;

    public static async Task<(T? Value, FieldError? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken, int maxBytes = MaxBytes)
        where T : class
    {
        var (body, error) = await ReadBytesAsync(request, maxBytes, cancellationToken).ConfigureAwait(false);
        return error is not null ? (null, error) : Parse(body, type);
    }

    /// <summary>The raw body, for callers that verify a signature before they parse it.</summary>
    public static async Task<(byte[] Body, FieldError? Error)> ReadBytesAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return ([], TooLarge(maxBytes));
        }

        var buffer = new byte[Math.Min(maxBytes + 1, (int?)request.ContentLength + 1 ?? maxBytes + 1)];
        var length = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
            if (length == buffer.Length)
            {
                if (length > maxBytes)
                {
                    return ([], TooLarge(maxBytes));
                }

                Array.Resize(ref buffer, Math.Min(maxBytes + 1, buffer.Length * 2));
            }
        }

        return length == 0 ? ([], new FieldError("body", "is required")) : (buffer[..length], null);
    }

    public static (T? Value, FieldError? Error) Parse<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize(body, type);
            return value is null ? (null, new FieldError("body", "must be a JSON object")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, new FieldError(FieldOf(e), Describe(e)));
        }
    }

    private static FieldError TooLarge(int maxBytes) => new("body", $"must be at most {maxBytes} bytes");

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
