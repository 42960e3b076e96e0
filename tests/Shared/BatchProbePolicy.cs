using System.Collections.Concurrent;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Upsell.Tests;

/// <summary>Counts the operations in every batch transaction sent, since Azurite would accept any number.</summary>
public sealed class BatchProbePolicy : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<int> _operations = new();

    public IReadOnlyList<int> BatchOperations => [.. _operations];

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Record(HttpMessage message)
    {
        if (!message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) || message.Request.Content is null)
        {
            return;
        }

        using var body = new MemoryStream();
        message.Request.Content.WriteTo(body, default);
        var text = Encoding.UTF8.GetString(body.ToArray());
        var count = 0;
        for (var at = text.IndexOf("Content-Type: application/http", StringComparison.Ordinal); at >= 0; at = text.IndexOf("Content-Type: application/http", at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        _operations.Enqueue(count);
    }
}
