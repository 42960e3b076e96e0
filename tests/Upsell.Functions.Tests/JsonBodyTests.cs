using System.Text;
using Upsell.Functions.Http;

namespace Upsell.Functions.Tests;

/// <summary>Every JSON body error names its field and says what is wrong, without reading the serializer's message text.</summary>
public class JsonBodyTests
{
    [Theory]
    [InlineData("""{"id":"x","colour":"red"}""", "colour", "is not a known field")]
    [InlineData("""{"id":"x","price":{"amount":1,"tax":2}}""", "price.tax", "is not a known field")]
    [InlineData("""{"id":"x","copy":{"en":{"headline":"h","subtitle":"s"}}}""", "copy.en.subtitle", "is not a known field")]
    [InlineData("""{"id":"x","moments":["cart"],"price":{"amount":"many"}}""", "price.amount", "has the wrong type")]
    [InlineData("""{"id":"x","price":""", "price", "is not valid JSON (line 1, byte 19)")]
    [InlineData("""[]""", "body", "has the wrong type")]
    public void A_bad_offer_document_names_the_field_and_the_fault(string body, string field, string message)
    {
        var (value, error) = JsonBody.Parse(Encoding.UTF8.GetBytes(body), ApiJson.Default.OfferDocument);

        Assert.Null(value);
        Assert.Equal((field, message), (error!.Field, error.Message));
    }

    [Fact]
    public void An_unknown_field_in_an_array_element_is_named_with_its_index()
    {
        var (_, error) = JsonBody.Parse("""{"events":[{"id":"e","type":"click","at":"2026-11-24T12:00:00Z","token":"t"},{"id":"f","extra":1}]}"""u8, ApiJson.Default.EventBatchRequest);

        Assert.Equal(("events[1].extra", "is not a known field"), (error!.Field, error.Message));
    }
}
