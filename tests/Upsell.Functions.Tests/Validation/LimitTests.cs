using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Upsell.Application.Intake;
using Upsell.Domain.Catalog;
using Upsell.Domain.Offers;
using Upsell.Domain.Tokens;
using Upsell.Domain.Validation;
using Upsell.Functions.Events;
using Upsell.Functions.Offers;
using Upsell.Tests;

namespace Upsell.Functions.Tests.Validation;

/// <summary>
/// Every limit in <see cref="Limits"/> as each validator holds it: a value at the limit passes, one past it is refused
/// with the field named; and the console's fields stop at the same numbers.
/// </summary>
public partial class LimitTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly DecisionTokenSigner Signer = new(RandomNumberGenerator.GetBytes(32));

    // A storefront request with n of something; n = the limit must pass, n = the limit + 1 must name the field.
    public static TheoryData<string, int, string> OfferRequestCases => new()
    {
        { "session id length", Limits.IdLength, "sessionId" },
        { "cart lines", Limits.Lines, "cart" },
        { "SKU length", Limits.NameLength, "cart[0].sku" },
        { "unit price", (int)Limits.Price, "cart[0].unitPrice" },
        { "quantity", Limits.Quantity, "cart[0].quantity" },
        { "earlier orders", Limits.OrderCount, "customer.orderCount" },
    };

    public static TheoryData<string, long, string> OrderRequestCases => new()
    {
        { "order id length", Limits.IdLength, "orderId" },
        { "lines", Limits.Lines, "lines" },
        { "line name length", Limits.LineNameLength, "lines[0].name" },
        { "quantity", Limits.Quantity, "lines[0].quantity" },
        { "unit price", Limits.OrderAmount, "lines[0].unitPrice" },
        { "total", Limits.OrderAmount, "total" },
        { "email length", Limits.EmailLength, "customer.email" },
    };

    public static TheoryData<string, int, string> EventBatchCases => new()
    {
        { "events", Limits.Events, "events" },
        { "event id length", Limits.IdLength, "events[0].id" },
    };

    public static TheoryData<string, int, string> OfferDocumentCases => new()
    {
        { "headline", Limits.Headline, "copy.en.headline" },
        { "body", Limits.Body, "copy.en.body" },
        { "call to action", Limits.CallToAction, "copy.en.callToAction" },
        { "decline text", Limits.DeclineText, "copy.en.declineText" },
        { "offer price", (int)Limits.Price, "price.amount" },
        { "image URL length", Limits.ImageUrlLength, "imageUrl" },
        { "trigger SKUs", Limits.TargetingList, "targeting.triggerSkus" },
    };

    [Theory]
    [MemberData(nameof(OfferRequestCases))]
    public void A_storefront_request_at_a_limit_passes_and_one_past_it_is_refused(string limit, int at, string field)
    {
        Assert.DoesNotContain(field, Fields(OfferRequestValidator.Validate(OfferRequest(limit, at), Moment.Cart).Errors));
        Assert.Contains(field, Fields(OfferRequestValidator.Validate(OfferRequest(limit, at + 1), Moment.Cart).Errors));
    }

    [Theory]
    [MemberData(nameof(OrderRequestCases))]
    public void A_backend_order_at_a_limit_passes_and_one_past_it_is_refused(string limit, long at, string field)
    {
        Assert.DoesNotContain(field, Fields(ValidateOrder(OrderRequest(limit, at))));
        Assert.Contains(field, Fields(ValidateOrder(OrderRequest(limit, at + 1))));
    }

    [Theory]
    [MemberData(nameof(EventBatchCases))]
    public void An_event_batch_at_a_limit_passes_and_one_past_it_is_refused(string limit, int at, string field)
    {
        Assert.DoesNotContain(field, Fields(ValidateEvents(EventBatch(limit, at))));
        Assert.Contains(field, Fields(ValidateEvents(EventBatch(limit, at + 1))));
    }

    [Theory]
    [MemberData(nameof(OfferDocumentCases))]
    public void An_offer_at_a_limit_passes_and_one_past_it_is_refused(string limit, int at, string field)
    {
        Assert.DoesNotContain(field, Fields(OfferDocument(limit, at).Validate()));
        Assert.Contains(field, Fields(OfferDocument(limit, at + 1).Validate()));
    }

    [Fact]
    public void The_consoles_fields_stop_where_the_api_refuses()
    {
        var script = File.ReadAllText(Path.Combine(Azurite.RepositoryRoot(), "src", "Upsell.Functions", "Console", "wwwroot", "limits.js"));
        var console = ConsoleLimit().Matches(script).ToDictionary(m => m.Groups[1].Value, m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));

        Assert.NotEmpty(console);
        foreach (var (name, value) in console)
        {
            var constant = typeof(Limits).GetField(char.ToUpperInvariant(name[0]) + name[1..], BindingFlags.Public | BindingFlags.Static);
            Assert.True(constant is not null, $"limits.js has {name}, which Limits.cs has not");
            Assert.Equal(Convert.ToInt64(constant.GetRawConstantValue(), CultureInfo.InvariantCulture), value);
        }
    }

    private static OfferRequest OfferRequest(string limit, int n)
    {
        CartLineRequest Line(string sku = "SKU-1", long price = 1000, int quantity = 1) => new(sku, null, price, quantity, "EUR");
        var valid = new OfferRequest("session-1", "visitor-1", [Line()], "desktop", "DE", "de-DE", null, null);
        return limit switch
        {
            "session id length" => valid with { SessionId = new string('s', n) },
            "cart lines" => valid with { Cart = [.. Enumerable.Repeat(Line(), n)] },
            "SKU length" => valid with { Cart = [Line(sku: new string('k', n))] },
            "unit price" => valid with { Cart = [Line(price: n)] },
            "quantity" => valid with { Cart = [Line(quantity: n)] },
            "earlier orders" => valid with { Customer = new CustomerRequest(null, n) },
            _ => throw new ArgumentOutOfRangeException(nameof(limit)),
        };
    }

    private static OrderRequest OrderRequest(string limit, long n)
    {
        OrderLineRequest Line(string name = "Camera", long price = 1000, int quantity = 1) => new("SKU-1", name, null, price, quantity, null);
        var valid = new OrderRequest("order-1", Now.AddMinutes(-1), "EUR", 1000, [Line()], new OrderCustomerRequest("ada@example.com", true, "de-DE", null, "visitor-1"));
        return limit switch
        {
            "order id length" => valid with { OrderId = new string('o', (int)n) },
            "lines" => valid with { Lines = [.. Enumerable.Repeat(Line(), (int)n)] },
            "line name length" => valid with { Lines = [Line(name: new string('n', (int)n))] },
            "quantity" => valid with { Lines = [Line(quantity: (int)n)] },
            "unit price" => valid with { Lines = [Line(price: n)] },
            "total" => valid with { Total = n },
            "email length" => valid with { Customer = valid.Customer! with { Email = Email((int)n) } },
            _ => throw new ArgumentOutOfRangeException(nameof(limit)),
        };
    }

    // An address of exactly this length: a 64-character local part and a domain of short labels.
    private static string Email(int length)
    {
        var domain = length - 64 - 1 - ".test".Length;
        var labels = string.Concat(Enumerable.Repeat("bbbbbbbbb.", (domain / 10) + 1))[..domain];
        return new string('a', 64) + "@" + (labels.EndsWith('.') ? labels[..^1] + "b" : labels) + ".test";
    }

    private static EventBatchRequest EventBatch(string limit, int n)
    {
        var token = Signer.Sign(new DecisionToken("d-1", "offer-1", null, null, null, Moment.Cart, "visitor-1", "session-1", Now.AddMinutes(-5), null, null));
        EventRequest Event(string id) => new(id, "impression", Now.AddMinutes(-1), token);
        return limit switch
        {
            "events" => new EventBatchRequest([.. Enumerable.Range(0, n).Select(i => Event($"event-{i}"))]),
            "event id length" => new EventBatchRequest([Event(new string('e', n))]),
            _ => throw new ArgumentOutOfRangeException(nameof(limit)),
        };
    }

    private static OfferDocument OfferDocument(string limit, int n)
    {
        var copy = new CopyDocument { Headline = "A bag", Body = "Padded", CallToAction = "Add", DeclineText = "No thanks" };
        var valid = new OfferDocument
        {
            Id = "cam-bag",
            Kind = "accessory",
            Sku = "BAG-1",
            Copy = new Dictionary<string, CopyDocument> { ["en"] = copy },
            Price = new PriceDocument { Amount = 3999 },
            Moments = ["cart"],
        };
        Dictionary<string, CopyDocument> Copy(CopyDocument c) => new() { ["en"] = c };
        return limit switch
        {
            "headline" => valid with { Copy = Copy(copy with { Headline = new string('h', n) }) },
            "body" => valid with { Copy = Copy(copy with { Body = new string('b', n) }) },
            "call to action" => valid with { Copy = Copy(copy with { CallToAction = new string('c', n) }) },
            "decline text" => valid with { Copy = Copy(copy with { DeclineText = new string('d', n) }) },
            "offer price" => valid with { Price = new PriceDocument { Amount = n } },
            "image URL length" => valid with { ImageUrl = "https://img.example/" + new string('i', n - 20) },
            "trigger SKUs" => valid with { Targeting = new TargetingDocument { TriggerSkus = [.. Enumerable.Range(0, n).Select(i => $"SKU-{i}")] } },
            _ => throw new ArgumentOutOfRangeException(nameof(limit)),
        };
    }

    private static IReadOnlyList<FieldError> ValidateOrder(OrderRequest request) =>
        OrderRequestValidator.Validate(request, Signer, Now, TimeSpan.FromDays(1), TimeSpan.FromDays(7), TimeSpan.FromMinutes(15)).Errors;

    private static IReadOnlyList<FieldError> ValidateEvents(EventBatchRequest request) =>
        EventBatchValidator.Validate(request, Signer, Now, TimeSpan.FromDays(1), TimeSpan.FromMinutes(15)).Errors;

    private static List<string> Fields(IReadOnlyList<FieldError> errors) => [.. errors.Select(e => e.Field)];

    [GeneratedRegex(@"^\s*(\w+): (\d+),?$", RegexOptions.Multiline)]
    private static partial Regex ConsoleLimit();
}
