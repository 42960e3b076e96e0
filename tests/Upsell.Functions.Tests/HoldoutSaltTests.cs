using System.Text.Json;
using Microsoft.Extensions.Options;
using Upsell.Domain.Decisions;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>A holdout nobody can compute: the seed is each deployment's own secret, never a documented default.</summary>
[Collection(UsesAzurite.Name)]
public sealed class HoldoutSaltTests(Azurite azurite) : AzuriteTest(azurite)
{
    [Fact]
    public async Task Two_deployments_hold_out_different_visitors_and_count_in_different_phases()
    {
        await using var first = new TestApp(Azurite, [new("Upsell:Decisions:HoldoutPercent", "50"), new("Upsell:Decisions:HoldoutSalt", "first-deployment-seed-Vq3x")]);
        await using var second = new TestApp(Azurite, [new("Upsell:Decisions:HoldoutPercent", "50"), new("Upsell:Decisions:HoldoutSalt", "second-deployment-seed-8Kp2")]);
        var (a, b) = (first.Get<OfferEngine>(), second.Get<OfferEngine>());
        var visitors = Enumerable.Range(0, 400).Select(i => $"visitor-{i}").ToList();

        var differ = visitors.Count(v => a.IsHeldOut(v) != b.IsHeldOut(v));

        // Independent seeds agree on about half of the visitors at a 50% holdout, not on all of them.
        Assert.InRange(differ, 150, 250);
        Assert.NotEqual(a.HoldoutPhase, b.HoldoutPhase);
        Assert.DoesNotContain("seed", a.HoldoutPhase, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_seed_of_its_own_the_app_does_not_start()
    {
        await using var unseeded = new TestApp(Azurite, [new("Upsell:Decisions:HoldoutSalt", "")]);

        var error = Assert.Throws<OptionsValidationException>(() => unseeded.Get<IOptions<DecisionOptions>>().Value);
        Assert.Contains("HoldoutSalt", error.Message, StringComparison.Ordinal);
    }

    private static readonly string[] CopiedFrom = ["README.md", "docs/operator.md", "docs/merchant.md", "infra/modules/functionapp.bicep"];

    [Fact]
    public void No_seed_is_printed_anywhere_a_deployment_copies_from()
    {
        var root = Azurite.RepositoryRoot();
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "local.settings.sample.json")));

        Assert.Equal(string.Empty, sample.RootElement.GetProperty("Values").GetProperty("Upsell__Decisions__HoldoutSalt").GetString());
        Assert.Equal(string.Empty, new DecisionOptions().HoldoutSalt);
        Assert.All(CopiedFrom,
            file => Assert.DoesNotContain("upsell-holdout", File.ReadAllText(Path.Combine(root, file)), StringComparison.Ordinal));
        Assert.Contains("Upsell__Decisions__HoldoutSalt", File.ReadAllText(Path.Combine(root, "scripts", "start.sh")), StringComparison.Ordinal);
    }
}
