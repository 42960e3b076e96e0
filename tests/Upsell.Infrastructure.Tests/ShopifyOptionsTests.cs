using System.ComponentModel.DataAnnotations;
using Upsell.Infrastructure.Connectors;

namespace Upsell.Infrastructure.Tests;

public class ShopifyOptionsTests
{
    [Fact]
    public void Without_a_secret_the_connector_is_off_and_needs_nothing_else() => Assert.Empty(Errors(new ShopifyOptions()));

    [Theory]
    [InlineData("")]
    [InlineData("trail-co.com")]
    public void With_a_secret_the_shop_must_be_named_by_its_myshopify_domain(string domain)
    {
        var options = new ShopifyOptions { WebhookSecret = "shpss_0123456789abcdef0123456789abcdef", ShopDomain = domain };

        Assert.Contains(Errors(options), e => e.MemberNames.Contains(nameof(ShopifyOptions.ShopDomain)));
    }

    [Theory]
    [InlineData("orders/create", true)]
    [InlineData("orders/paid", true)]
    [InlineData("orders/updated", false)]
    public void Only_order_creation_or_payment_records_an_order(string topic, bool valid) =>
        Assert.Equal(valid, Errors(new ShopifyOptions { OrderTopic = topic }).Count == 0);

    private static List<ValidationResult> Errors(ShopifyOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
