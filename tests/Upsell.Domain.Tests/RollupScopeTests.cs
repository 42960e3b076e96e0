using Upsell.Domain.Offers;
using Upsell.Domain.Outcomes;

namespace Upsell.Domain.Tests;

/// <summary>Each counted name is rolled up under the scope the report that reads it asks for, so one read brings it all.</summary>
public sealed class RollupScopeTests
{
    private static readonly string Arm = new StatsGroup(Moment.Cart, "cart-sd-card-price", 2, "discounted", "cam-sd-card").Name;
    private static readonly string Outside = new StatsGroup(Moment.Shipping, null, null, null, "express-shipping").Name;

    public static TheoryData<string, string, bool> Names() => new()
    {
        { Arm, "experiment|cart-sd-card-price|2", true },
        { StatsKeys.Networks(Arm), "experiment|cart-sd-card-price|2", false },
        { StatsKeys.AcceptingNetworks(Arm), "experiment|cart-sd-card-price|2", false },
        { StatsKeys.Completion("cart-sd-card-price", 2, "discounted"), "experiment|cart-sd-card-price|2", false },
        { Outside, StatsKeys.OffersScope, true },
        { StatsKeys.Networks(Outside), StatsKeys.OffersScope, false },
        { StatsKeys.OfSegment(Moment.Payment, new Segment(Device.Mobile, true, "DE")), StatsKeys.SegmentScope(Moment.Payment), true },
        { StatsKeys.Programme("2026", true, StatsKeys.AllMoments), StatsKeys.ProgrammeScope, false },
        { StatsKeys.Shown("cart"), StatsKeys.ProgrammeScope, false },
        { StatsKeys.AllOrders, StatsKeys.ProgrammeScope, false },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void A_name_is_rolled_up_under_the_scope_its_report_reads_and_listed_only_where_the_index_lists_it(string name, string scope, bool listed)
    {
        Assert.Equal(scope, StatsKeys.RollupScopeOf(name));
        Assert.Equal(listed, StatsKeys.IsListed(name));
    }

    [Fact]
    public void The_index_scopes_of_experiments_and_segments_are_their_rollup_scopes()
    {
        Assert.Equal(StatsKeys.ExperimentScope("cart-sd-card-price", 2), StatsKeys.RollupScopeOf(Arm));
        Assert.Equal(StatsKeys.SegmentScope(Moment.Form), StatsKeys.RollupScopeOf(StatsKeys.OfSegment(Moment.Form, new Segment(Device.Desktop, false, "-"))));
    }
}
