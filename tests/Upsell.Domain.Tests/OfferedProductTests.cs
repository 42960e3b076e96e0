using Upsell.Domain.Orders;

namespace Upsell.Domain.Tests;

/// <summary>Which order line a decision token may claim: only a line of the offered product, by SKU or platform id.</summary>
public class OfferedProductTests
{
    [Theory]
    [InlineData("SD-128", null, true)]
    [InlineData("sd-128", null, false)]
    [InlineData("CAM-X100", null, false)]
    [InlineData("variant-44012345678900", "44012345678900", true)]
    [InlineData("variant-44012345678900", "gid://shopify/ProductVariant/44012345678900", true)]
    [InlineData("CAM-X100", "44012345678999", false)]
    public void A_line_is_the_offered_product_by_its_SKU_or_its_platform_id(string sku, string? productId, bool matches) =>
        Assert.Equal(matches, OfferedProduct.Matches(OfferedProduct.Mark("SD-128", "44012345678900"), sku, productId));

    [Fact]
    public void An_offer_that_names_no_product_claims_no_line()
    {
        Assert.Null(OfferedProduct.Mark(null, null));
        Assert.False(OfferedProduct.Matches(null, "SD-128", null));
        Assert.False(OfferedProduct.Matches(OfferedProduct.Mark("SD-128", null), "anything", "44012345678900"));
    }

    [Fact]
    public void A_mark_is_short_and_holds_neither_the_SKU_nor_the_id()
    {
        var mark = OfferedProduct.Mark("SD-128", "44012345678900")!;

        Assert.True(OfferedProduct.IsMark(mark));
        Assert.True(mark.Length <= 40);
        Assert.DoesNotContain("SD-128", mark, StringComparison.Ordinal);
        Assert.False(OfferedProduct.IsMark("not a mark"));
    }
}
