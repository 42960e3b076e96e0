using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Upsell.Tests;

/// <summary>
/// Makes storage unreliable on purpose: a share of calls get a 503 without reaching storage, time out before they
/// reach it, or time out after storage has committed them (the case that double-counts a careless writer).
/// </summary>
public sealed class FaultInjectionPolicy(int seed, double rate) : HttpPipelinePolicy
{
    private readonly Random _random = new(seed);
    private int _rejected;
    private int _timedOutBefore;
    private int _timedOutAfterCommit;
    private int _calls;

    /// <summary>Faults start when the test has set up what it needs.</summary>
    public bool Enabled { get; set; }

    public int Calls => _calls;

    public int Rejected => _rejected;

    public int TimedOutBefore => _timedOutBefore;

    public int TimedOutAfterCommit => _timedOutAfterCommit;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (!Enabled)
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref _calls);
        double roll;
        lock (_random)
        {
            roll = _random.NextDouble();
        }

        if (roll < rate * 0.4)
        {
            Interlocked.Increment(ref _rejected);
            message.Response = new ServiceUnavailable(message.Request.ClientRequestId);
            return;
        }

        if (roll < rate * 0.7)
        {
            Interlocked.Increment(ref _timedOutBefore);
            throw new IOException("Injected: the request timed out before it reached storage.");
        }

        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        if (roll < rate)
        {
            Interlocked.Increment(ref _timedOutAfterCommit);
            throw new IOException("Injected: the response was lost after storage committed the request.");
        }
    }

    private sealed class ServiceUnavailable(string clientRequestId) : Response
    {
        public override int Status => 503;

        public override string ReasonPhrase => "Service Unavailable (injected)";

        public override Stream? ContentStream { get; set; } = new MemoryStream();

        public override string ClientRequestId { get; set; } = clientRequestId;

        public override void Dispose()
        {
        }

        protected override bool ContainsHeader(string name) => false;

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

        protected override bool TryGetHeader(string name, out string value)
        {
            value = string.Empty;
            return false;
        }

        protected override bool TryGetHeaderValues(string name, out IEnumerable<string> values)
        {
            values = [];
            return false;
        }
    }
}
