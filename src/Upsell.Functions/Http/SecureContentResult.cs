using Microsoft.AspNetCore.Mvc;

namespace Upsell.Functions.Http;

/// <summary>
/// A body the browser must take as the type given and nothing else (<c>X-Content-Type-Options: nosniff</c>), with
/// any further headers of the answer: every JSON, problem and HTML answer of the app is one.
/// </summary>
public sealed class SecureContentResult : ContentResult
{
    private static readonly Dictionary<string, string> None = [];

    public IReadOnlyDictionary<string, string> Headers { get; init; } = None;

    public override Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.HttpContext.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        foreach (var (name, value) in Headers)
        {
            headers[name] = value;
        }

        return base.ExecuteResultAsync(context);
    }
}
