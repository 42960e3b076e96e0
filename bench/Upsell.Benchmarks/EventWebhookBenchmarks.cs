using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Upsell.Infrastructure.FollowUps;

namespace Upsell.Benchmarks;

/// <summary>
/// Checking one signed SendGrid event batch of 1,000 events (about 95 KB): the app's check (the SendGrid SDK's
/// verifier, as <see cref="SendGridEvents"/> calls it) beside the floor, .NET's own ECDsa over the same bytes.
/// </summary>
[MemoryDiagnoser]
public class EventWebhookBenchmarks : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private SendGridEvents _events = null!;
    private string _body = string.Empty;
    private string _signature = string.Empty;
    private string _timestamp = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var now = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
        _timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        _body = "[" + string.Join(',', Enumerable.Range(0, 1000).Select(i =>
            $$"""{"email":"shopper{{i}}@example.com","timestamp":{{_timestamp}},"event":"delivered","sg_event_id":"ZGVsaXZlcmVkLTAt{{i:D6}}","sg_message_id":"msg-{{i}}.filter0001","category":["post-purchase"],"followUpId":"order-{{i}}"}""")) + "]";
        _signature = Convert.ToBase64String(_key.SignData(Encoding.UTF8.GetBytes(_timestamp + _body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        _events = new SendGridEvents(Options.Create(new EmailOptions { EventWebhookPublicKey = Convert.ToBase64String(_key.ExportSubjectPublicKeyInfo()) }), new FakeTimeProvider(now));
        var refusal = _events.Refusal(_signature, _timestamp, _body);
        if (refusal is not null || !DotNetVerifies())
        {
            throw new InvalidOperationException($"The two checks must accept the batch: {refusal ?? ".NET refused it"}");
        }
    }

    [Benchmark(Baseline = true, Description = "the app's check (SendGrid SDK)")]
    public bool SendGridSdk() => _events.Refusal(_signature, _timestamp, _body) is null;

    [Benchmark(Description = ".NET ECDsa (floor)")]
    public bool DotNetVerifies() =>
        _key.VerifyData(Encoding.UTF8.GetBytes(_timestamp + _body), Convert.FromBase64String(_signature), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public void Dispose()
    {
        _key.Dispose();
        GC.SuppressFinalize(this);
    }
}
