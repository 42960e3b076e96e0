using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Upsell.Domain.Validation;

namespace Upsell.Functions.Http;

/// <summary>
/// Files shipped beside the app (the dashboard's, the console's): its page, and every other script, style sheet or
/// page the build put in its folder (<c>wwwroot/</c>, and what the project links in), each read from disk once, on
/// first request, and served with its content type, no sniffing and no referrer. They do not change while the app
/// runs, so the list is read once too.
/// </summary>
public sealed class StaticFiles(string folder, string page)
{
    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".html"] = "text/html; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly ConcurrentDictionary<string, byte[]> _contents = new(StringComparer.Ordinal);
    private readonly Lazy<FrozenDictionary<string, string>> _assets = new(() => Directory.EnumerateFiles(folder)
        .Select(p => Path.GetFileName(p))
        .Where(n => n != page && ContentTypes.ContainsKey(Path.GetExtension(n)))
        .ToFrozenDictionary(n => n, n => ContentTypes[Path.GetExtension(n)], StringComparer.Ordinal));

    /// <summary>The files served beside the page, by name, with their content types.</summary>
    public IReadOnlyDictionary<string, string> Assets => _assets.Value;

    /// <summary>The page itself.</summary>
    public FileContentResult ServePage(HttpRequest request) => Serve(request, page, ContentTypes[".html"]);

    /// <summary>
    /// One of the <see cref="Assets"/> with its cache policy, or a 404 naming the file; nothing else in the folder
    /// (the page included: it has headers of its own) is ever served this way.
    /// </summary>
    public IActionResult ServeAsset(HttpRequest request, string? file, string cacheControl, string part)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (file is null || !Assets.TryGetValue(file, out var contentType))
        {
            return Responses.Problem(StatusCodes.Status404NotFound, "No such file", [new FieldError("file", $"is not part of {part}")]);
        }

        request.HttpContext.Response.Headers.CacheControl = cacheControl;
        return Serve(request, file, contentType);
    }

    private FileContentResult Serve(HttpRequest request, string file, string contentType)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = request.HttpContext.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return new FileContentResult(_contents.GetOrAdd(file, name => File.ReadAllBytes(Path.Combine(folder, name))), contentType);
    }
}
