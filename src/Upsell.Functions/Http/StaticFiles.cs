using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Upsell.Functions.Http;

/// <summary>
/// Files shipped beside the app (the dashboard's, the console's): each read from disk once, on first request, and
/// served with its content type, no sniffing and no referrer. They do not change while the app runs.
/// </summary>
public sealed class StaticFiles(string folder)
{
    private readonly ConcurrentDictionary<string, byte[]> _contents = new(StringComparer.Ordinal);

    /// <summary>
    /// One of the listed files (name to content type) with its cache policy, or a 404 naming the file; nothing else
    /// in the folder is ever served.
    /// </summary>
    public IActionResult ServeListed(HttpRequest request, string? file, IReadOnlyDictionary<string, string> listed, string cacheControl, string part)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(listed);
        if (file is null || !listed.TryGetValue(file, out var contentType))
        {
            return Responses.Problem(StatusCodes.Status404NotFound, "No such file", [new Domain.Catalog.FieldError("file", $"is not part of {part}")]);
        }

        request.HttpContext.Response.Headers.CacheControl = cacheControl;
        return Serve(request, file, contentType);
    }

    public FileContentResult Serve(HttpRequest request, string file, string contentType)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = request.HttpContext.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return new FileContentResult(_contents.GetOrAdd(file, name => File.ReadAllBytes(Path.Combine(folder, name))), contentType);
    }
}
