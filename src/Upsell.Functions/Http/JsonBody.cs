using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Upsell.Domain.Validation;

namespace Upsell.Functions.Http;

/// <summary>Reads a JSON body of bounded size; every failure names the field, or "body" for the body as a whole.</summary>
public static partial class JsonBody
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
        try
        {
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
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException)
        {
            // The client's fault, not ours: a body slower than the server's minimum rate, or one cut off.
            return ([], CutOff);
        }

        return length == 0 ? ([], new FieldError("body", "is required")) : (buffer[..length], null);
    }

    /// <summary>The error for a body that came too slowly or stopped before its end.</summary>
    public static FieldError CutOff { get; } = new("body", "arrived too slowly or was cut off before its end");

    public static (T? Value, FieldError? Error) Parse<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> type)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(type);
        try
        {
            var value = JsonSerializer.Deserialize(body, type);
            return value is null ? (null, new FieldError("body", "must be a JSON object")) : (value, null);
        }
        catch (JsonException e)
        {
            var field = e.Path is null or "$" ? "body" : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path.TrimStart('$');
            var message = !IsWellFormed(body) ? $"is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})"
                : IsUnknownField(type, e.Path) ? "is not a known field"
                : "has the wrong type";
            return (null, new FieldError(field, message));
        }
    }

    /// <summary>The error for a body over the limit; a caller that answers 413 compares against it.</summary>
    public static FieldError TooLarge(int maxBytes) => new("body", $"must be at most {maxBytes} bytes");

    private static bool IsWellFormed(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // Whether the path ends at a property its object's type does not declare: the serializer refuses unmapped
    // members, and names the path of the one it found, so the declared properties along the path tell which it was.
    private static bool IsUnknownField(JsonTypeInfo root, string? path)
    {
        if (path is null || !path.StartsWith('$'))
        {
            return false;
        }

        var current = root;
        var segments = PathSegments().Matches(path);
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i].Groups["index"].Success)
            {
                if (current.ElementType is not { } element)
                {
                    return false;
                }

                current = current.Options.GetTypeInfo(element);
                continue;
            }

            if (current.Kind == JsonTypeInfoKind.Dictionary && current.ElementType is { } value)
            {
                current = current.Options.GetTypeInfo(value);
                continue;
            }

            var name = segments[i].Groups["name"].Value;
            var property = current.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
            if (property is null)
            {
                return i == segments.Count - 1 && current.Kind == JsonTypeInfoKind.Object;
            }

            current = current.Options.GetTypeInfo(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType);
        }

        return false;
    }

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<name>[^']*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathSegments();
}
