using Upsell.Domain.Bandits;
using Upsell.Domain.Statistics;

namespace Upsell.Domain.Tests.Bandits;

/// <summary>The weights the timer sets once the burn-in is over: Thompson's with the floor, control's guarded share and refused arms.</summary>
public class BanditWeightTests
{
    private static readonly BanditOptions Options = new() { FloorWeight = 0.01, GuardedControlWeight = 0.2 };

    [Theory]
    [InlineData(new[] { 0.0, 0.9, 0.1 }, false, new[] { 0.01, 0.883, 0.107 })]
    [InlineData(new[] { 0.0, 0.9, 0.1 }, true, new[] { 0.2, 0.712, 0.088 })]
    [InlineData(new[] { 0.5, 0.5, 0.0 }, true, new[] { 0.495, 0.495, 0.01 })]
    [InlineData(new[] { 0.0, 1.0 }, true, new[] { 0.2, 0.8 })]
    public void Thompson_weights_keep_the_floor_and_at_a_guarded_moment_control_keeps_its_share(double[] chances, bool guarded, double[] expected)
    {
        var weights = Allocation(chances).NextWeights(Options, guarded: guarded);

        Assert.Equal(expected, weights, (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal(1, weights.Sum(), 12);
        Assert.All(weights, w => Assert.True(w >= Options.FloorWeight - 1e-12));
    }

    [Fact]
    public void An_arm_the_guardrail_refused_keeps_only_the_floor_and_its_chance_goes_to_the_others()
    {
        var weights = Allocation([0.1, 0.6, 0.3]).NextWeights(Options, new HashSet<string>(StringComparer.Ordinal) { "arm1" }, guarded: true);

        // Its 60% goes to the others in proportion: control 0.1 / 0.4, arm2 0.3 / 0.4.
        Assert.Equal([0.2525, 0.01, 0.7375], weights, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Before_the_burn_in_the_weights_stay_as_set_whatever_the_guardrail_says()
    {
        var arms = Allocation([0.2, 0.8]) with { BurnedIn = false };

        Assert.Equal([0.5, 0.5], arms.NextWeights(Options, new HashSet<string>(StringComparer.Ordinal) { "arm1" }, guarded: true));
    }

    private static BanditAllocation Allocation(double[] chances) => new(
        [.. chances.Select((p, i) => new BanditArm(i == 0 ? "control" : $"arm{i}", 1.0 / chances.Length, default, new Interval(0, 0), p, 0))], BurnedIn: true);
}
