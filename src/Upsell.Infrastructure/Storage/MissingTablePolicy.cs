using System.Text;
using System.Text.RegularExpressions;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Upsell.Infrastructure.Storage;

/// <summary>
/// A table deleted while the app runs (by an operator, a cleanup script, a restore) is created again by the next
/// call that finds it missing, and that call is sent once more: nothing written after the deletion is lost, and no
/// restart is needed. Storage says so with the error code TableNotFound: on a 404 for a single row, or inside the
/// 202 of a batch, whose table is named in its body.
/// </summary>
public sealed partial class MissingTablePolicy(Func<string, CancellationToken, Task> recreate) : HttpPipelinePolicy
{
    private const string TableNotFound = "TableNotFound";

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        if (MissingTable(message) is not { } table)
        {
            return;
        }

        await recreate(table, message.CancellationToken).ConfigureAwait(false);
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
    }

    /// <summary>The table a call found missing, or null when it did not.</summary>
    public static string? MissingTable(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var status = message.Response.Status;
        if (status is not (404 or 202))
        {
            return null; // the answer of nearly every call: nothing more to look at
        }

        var path = message.Request.Uri.Path.TrimEnd('/');
        var segment = Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
        if (segment.StartsWith("Tables", StringComparison.Ordinal))
        {
            return null; // the tables themselves: a create, a delete or a listing
        }

        if (segment == "$batch")
        {
            return status == 202 && Mentions(message.Response, "TableNotFound"u8) ? BatchTable(message.Request) : null;
        }

        return status == 404 && message.Response.Headers.TryGetValue("x-ms-error-code", out var code) && code == TableNotFound
            ? segment.Split('(')[0]
            : null;
    }

    // The batch's answer is buffered by the pipeline, so it is searched where it lies, without a copy.
    private static bool Mentions(Response response, ReadOnlySpan<byte> code) =>
        response.ContentStream is MemoryStream stream && stream.TryGetBuffer(out var buffer) && buffer.AsSpan().IndexOf(code) >= 0;

    // Every operation of a batch names the same table in its request line: "MERGE https://…/orders(PartitionKey=…".
    private static string? BatchTable(Request request)
    {
        if (request.Content is null)
        {
            return null;
        }

        using var body = new MemoryStream();
        request.Content.WriteTo(body, default);
        var match = OperationLine().Match(Encoding.UTF8.GetString(body.ToArray()));
        return match.Success ? match.Groups["table"].Value : null;
    }

    [GeneratedRegex(@"^(?:POST|PUT|MERGE|PATCH|DELETE|GET) \S*/(?<table>[A-Za-z][A-Za-z0-9]{2,62})(?:\(|\s)", RegexOptions.Multiline)]
    private static partial Regex OperationLine();
}
