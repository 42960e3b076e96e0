using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Application.Catalog;
using Upsell.Domain.Orders;
using Upsell.Functions.Offers;
using Upsell.Infrastructure.Queues;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>
/// No input makes any HTTP function fail: generated bodies (valid ones mutated, random ones), headers (If-Match,
/// Content-Type, Content-Length, signatures), route values and query strings, against Azurite. Every answer is 2xx,
/// 3xx or 4xx, an error is problem+json (pages for people are HTML), every body is marked nosniff, and a refused
/// request writes nothing.
/// UPSELL_FUZZ_CASES sets how many cases run (default 500).
/// </summary>
[Collection(UsesAzurite.Name)]
[Trait("Category", "Load")] // hundreds of generated requests at every function
public sealed class NoServerErrorTests(Azurite azurite) : AzuriteTest(azurite)
{
    private const string Bag = """{"id":"cam-bag","kind":"accessory","sku":"BAG-1","price":{"amount":3999},"moments":["cart"],"copy":{"en":{"headline":"A padded bag","callToAction":"Add","declineText":"No thanks"}}}""";
    private const string Experiment = """{"key":"bag-price","moment":"cart","subjectOfferId":"cam-bag","status":"running","variants":[{"key":"control","weight":0.5},{"key":"cheaper","weight":0.5,"priceMinor":2999}]}""";
    private static readonly string[] HtmlPages = ["ShowUnsubscribe", "Unsubscribe"];

    private static readonly string[] RouteValues =
    [
        "", "x", "cam-sd-card", "cam-bag", "bag-price", "cart", "exit-intent", "order-1", "dashboard.js", "chart.umd.js", "../../etc/passwd",
        "%00", "a/b", " ", "Ω≈ç√", new string('z', 2_000), "cart-sd-card-price", "null", "-1", "\u0000\u001f",
    ];

    private static readonly string[] Texts =
    [
        "", "\"abc\"", "*", "W/\"datetime'2026-01-01T00%3A00%3A00.0000000Z'\"", "garbage", "sha256=", "sha256=00ff", "=====", "\u00e9\u0000",
        new string('a', 9_000), "2026-11-24", "2026-02-30", "99999-01-01", "0", "-1", "1e400", "device", "country", "buyer", "cart", "ALL",
    ];

    private static readonly string[] ContentTypes =
        ["application/json", "application/json; charset=utf-8", "text/plain", "", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "garbage/"];

    private static readonly JsonNode?[] Replacements =
    [
        null, JsonValue.Create(-1), JsonValue.Create(0), JsonValue.Create(1e308), JsonValue.Create(long.MaxValue), JsonValue.Create(""), JsonValue.Create(true),
        JsonValue.Create(new string('x', 5_000)), JsonValue.Create("\u0000"), JsonValue.Create("2026-13-45T99:00:00Z"), new JsonArray(), new JsonObject(),
        new JsonArray(JsonValue.Create(1), null), JsonValue.Create(0.5), JsonValue.Create("EUR"), JsonValue.Create("cart"),
    ];

    private static IReadOnlyList<MethodInfo> HttpFunctions { get; } = [.. typeof(DecideOffersFunction).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null && m.GetParameters().Any(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null))
        .OrderBy(m => m.Name, StringComparer.Ordinal)];

    private string? _recordedToken;

    public override async Task InitializeAsync()
    {
        await DemoCatalogSeeder.SeedAsync(App.Get<CatalogAdmin>(), default);
        _recordedToken = App.Token();
        Assert.Equal(202, (await App.PostOrderAsync(Outcomes.Order())).Status);
        await App.RecordOrderAsync((await App.OrderMessagesAsync())[0]);
    }

    [Fact]
    public void Every_HTTP_function_is_covered()
    {
        Assert.Contains(HttpFunctions, f => f.Name == "ReplaceOffer");
        Assert.Contains(HttpFunctions, f => f.Name == "ReceiveOrder");
        Assert.True(HttpFunctions.Count >= 20, $"only {HttpFunctions.Count} HTTP functions found: {string.Join(", ", HttpFunctions.Select(f => f.Name))}");
    }

    [Fact]
    public async Task No_generated_request_gets_a_server_error_and_a_refused_one_writes_nothing()
    {
        var cases = int.TryParse(Environment.GetEnvironmentVariable("UPSELL_FUZZ_CASES"), out var n) ? n : 500;
        var gen = Gen.Select(Gen.Int[0, HttpFunctions.Count - 1], Gen.Int[0, 11], Gen.Int, Gen.Int[0, 4], Gen.Int[0, 3])
            .Select((function, mutation, seed, signing, length) => new Case(HttpFunctions[function], mutation, seed, signing, length));
        var ran = 0;

        await gen.SampleAsync(async c =>
        {
            await CheckAsync(c);
            Interlocked.Increment(ref ran);
        }, iter: cases, threads: 1, print: c => c.ToString());

        Assert.Equal(cases, ran);
    }

    private async Task CheckAsync(Case c)
    {
        var random = new Random(c.Seed);
        var function = c.Function;
        var method = function.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).First(a => a is not null)!.Methods![0];
        var body = Mutate(SampleOf(function.Name), c.Mutation, random);
        var headers = new Dictionary<string, string>();
        if (random.Next(3) == 0)
        {
            headers["If-Match"] = Pick(Texts, random);
        }

        headers[OrderSignature.Header] = c.Signing switch
        {
            0 or 1 => OrderSignature.Compute(body, Encoding.UTF8.GetBytes(App.Settings["Upsell:Orders:WebhookSecret"]!)),
            2 => Pick(Texts, random),
            _ => "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        };
        foreach (var (header, secret) in new[] { ("X-Shopify-Hmac-Sha256", "Upsell:Shopify:WebhookSecret"), ("X-WC-Webhook-Signature", "Upsell:WooCommerce:WebhookSecret") })
        {
            headers[header] = c.Signing switch
            {
                0 or 1 => PlatformSignature.Compute(body, Encoding.UTF8.GetBytes(App.Settings[secret]!)),
                2 => Pick(Texts, random),
                _ => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            };
        }

        headers["X-Shopify-Shop-Domain"] = random.Next(4) == 0 ? Pick(Texts, random) : "trail-co.myshopify.com";
        headers["X-Shopify-Topic"] = Pick(ShopifyTopics, random);
        headers["X-WC-Webhook-Topic"] = Pick(WooTopics, random);

        var request = Http.Request(method.ToUpperInvariant(), null, headers);
        request.Body = new MemoryStream(body);
        request.ContentType = Pick(ContentTypes, random);
        request.ContentLength = c.Length switch { 0 => body.Length, 1 => null, 2 => body.Length + random.Next(1, 100_000), _ => Math.Max(0, body.Length - random.Next(1, 50)) };
        request.QueryString = QueryOf(random);

        var before = await SnapshotAsync();
        var args = function.GetParameters().Select(p =>
            p.ParameterType == typeof(HttpRequest) ? request
            : p.ParameterType == typeof(CancellationToken) ? CancellationToken.None
            : p.ParameterType == typeof(string) ? (object)(random.Next(4) == 0 ? RouteOf(function.Name) : Pick(RouteValues, random))
            : throw new InvalidOperationException($"{function.Name} takes a {p.ParameterType}")).ToArray();
        var instance = ActivatorUtilities.CreateInstance(App.Services, function.DeclaringType!);
        var invoked = function.Invoke(instance, args);
        var result = invoked is Task<IActionResult> task ? await task : (IActionResult)invoked!;
        var response = await Http.ExecuteAsync(request, result);

        Assert.True(response.Status < 500, $"{c}: {response.Status} {response.Body}");
        Assert.True(response.Body.Length == 0 || response.Headers.XContentTypeOptions == "nosniff", $"{c}: {response.Status} {response.ContentType} may be sniffed");
        if (response.Status >= 400)
        {
            var expected = HtmlPages.Contains(function.Name) ? "text/html" : "application/problem+json";
            Assert.True(response.ContentType?.StartsWith(expected, StringComparison.Ordinal) is true, $"{c}: {response.Status} answered {response.ContentType}");
            Assert.True(before == await SnapshotAsync(), $"{c}: a refused request ({response.Status}) wrote to storage");
        }
    }

    // Every topic but shop/redact, which would empty the tables the other cases read.
    private static readonly string[] ShopifyTopics = ["orders/create", "orders/paid", "refunds/create", "customers/redact", "customers/data_request", "app/uninstalled", "", "orders/create\n"];

    private static readonly string[] WooTopics = ["order.created", "order.updated", "order.deleted", "", "action.woocommerce_new_order"];

    private string SampleOf(string function) => function switch
    {
        "DecideOffers" => """{"sessionId":"s-1","visitorId":"v-1","device":"desktop","country":"DE","locale":"de-DE","cart":[{"sku":"CAM-X100","category":"cameras","unitPrice":89900,"quantity":1,"currency":"EUR"}]}""",
        "DecideExitIntentOffers" => """{"sessionId":"s-2","visitorId":"v-2","signal":"top-edge","cart":[{"sku":"CAM-X100","category":"cameras","unitPrice":89900,"quantity":1,"currency":"EUR"}]}""",
        "CollectEvents" => $$"""{"events":[{"id":"e-1","type":"impression","at":"2026-11-24T12:00:00Z","token":"{{_recordedToken}}"}]}""",
        "ReceiveOrder" => JsonSerializer.Serialize(Outcomes.Order("order-2"), JsonSerializerOptions.Web),
        "ReceiveRefund" => """{"refundId":"r-1","refundedAt":"2026-11-24T12:00:00Z","lines":[{"line":0,"amount":100}]}""",
        "CreateOffer" or "ReplaceOffer" => Bag,
        "CreateExperiment" or "ReplaceExperiment" => Experiment,
        "EraseAddress" => """{"email":"ada@example.com"}""",
        "Unsubscribe" => "List-Unsubscribe=One-Click",
        "ReceiveShopifyWebhook" => Connectors.Platforms.Payload("shopify-orders-create", _recordedToken).ToJsonString(),
        "ReceiveWooCommerceWebhook" => Connectors.Platforms.Payload("woocommerce-order", _recordedToken).ToJsonString(),
        _ => "",
    };

    private static string RouteOf(string function) => function switch
    {
        "ReceiveRefund" => "order-1",
        "DecideOffers" => "cart",
        "GetDashboardAsset" => "dashboard.js",
        _ when function.Contains("Experiment", StringComparison.Ordinal) => "cart-sd-card-price",
        _ => "cam-sd-card",
    };

    private static byte[] Mutate(string sample, int mutation, Random random)
    {
        var bytes = Encoding.UTF8.GetBytes(sample);
        switch (mutation)
        {
            case 0:
            case 1:
                return bytes;
            case 2:
                return bytes.Length == 0 ? bytes : bytes[..random.Next(bytes.Length)];
            case 3:
                for (var i = 0; i < 1 + random.Next(4) && bytes.Length > 0; i++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                return bytes;
            case 4:
            case 5:
            case 6:
                return ReplaceValue(sample, random) ?? bytes;
            case 7:
                return System.Security.Cryptography.RandomNumberGenerator.GetBytes(random.Next(1, 300));
            case 8:
                return Encoding.UTF8.GetBytes(new string('[', 5_000) + new string(']', 5_000));
            case 9:
                return Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('x', random.Next(16_000, 70_000)) + "\"}");
            case 10:
                return Encoding.UTF8.GetBytes(sample.Length > 1 ? sample[..^1] + ",\"unknownField\":1}" : "{}");
            default:
                return Encoding.UTF8.GetBytes(Pick(["null", "[]", "{}", "1", "\"text\"", "true", "{\"a\":", "\u00ff\u00fe"], random));
        }
    }

    // One value somewhere in the document replaced by another of any type, or removed.
    private static byte[]? ReplaceValue(string sample, Random random)
    {
        if (!sample.StartsWith('{') || JsonNode.Parse(sample) is not { } root)
        {
            return null;
        }

        var slots = new List<(JsonNode Parent, object Key)>();
        void Walk(JsonNode node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, value) in o.ToList())
                    {
                        slots.Add((o, key));
                        if (value is not null)
                        {
                            Walk(value);
                        }
                    }

                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        slots.Add((a, i));
                        if (a[i] is { } item)
                        {
                            Walk(item);
                        }
                    }

                    break;
            }
        }

        Walk(root);
        if (slots.Count == 0)
        {
            return null;
        }

        var (parent, slot) = slots[random.Next(slots.Count)];
        var replacement = Pick(Replacements, random)?.DeepClone();
        if (parent is JsonObject obj && slot is string name)
        {
            if (random.Next(4) == 0)
            {
                obj.Remove(name);
            }
            else
            {
                obj[name] = replacement;
            }
        }
        else if (parent is JsonArray array && slot is int index)
        {
            array[index] = replacement;
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static QueryString QueryOf(Random random)
    {
        string[] names = ["from", "to", "by", "moment", "phase", "token", "code", "n"];
        var query = QueryString.Empty;
        for (var i = random.Next(4); i > 0; i--)
        {
            query = query.Add(Pick(names, random), Pick(Texts, random));
        }

        return query;
    }

    private static T Pick<T>(IReadOnlyList<T> items, Random random) => items[random.Next(items.Count)];

    // Every row of every table of this app and every message of its queues, as a count each.
    private async Task<string> SnapshotAsync()
    {
        var service = new TableServiceClient(Azurite.ConnectionString);
        var counts = new List<string>();
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(App.TablePrefix) >= 0 && t.Name.CompareTo(App.TablePrefix + "~") < 0))
        {
            var rows = 0;
            await foreach (var _ in service.GetTableClient(table.Name).QueryAsync<TableEntity>(select: ["RowKey"]))
            {
                rows++;
            }

            counts.Add($"{table.Name}={rows}");
        }

        var queues = App.Get<UpsellQueues>();
        foreach (var name in new[] { queues.EventsName, queues.OrdersName, queues.RefundsName })
        {
            var queue = await queues.GetAsync(name, default);
            counts.Add($"{name}={(await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount}");
        }

        return string.Join(", ", counts);
    }

    private sealed record Case(MethodInfo Function, int Mutation, int Seed, int Signing, int Length)
    {
        public override string ToString() => $"{Function.Name} mutation {Mutation} seed {Seed} signing {Signing} length {Length}";
    }
}
