using System.Reflection;
using Upsell.Domain.Outcomes;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Storage;
using Upsell.Tests;

namespace Upsell.Infrastructure.Tests;

/// <summary>Every counter survives the trip to the stats table and back: a field added to <see cref="Counters"/> but not to the entity fails here.</summary>
[Collection(UsesAzurite.Name)]
public sealed class CounterEntityTests(Azurite azurite) : AzuriteTest(azurite)
{
    [Fact]
    public async Task Every_counters_field_round_trips_through_its_table_entity_with_a_value_of_its_own()
    {
        var properties = typeof(Counters).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToList();
        var counters = new Counters();
        for (var i = 0; i < properties.Count; i++)
        {
            properties[i].SetValue(counters, properties[i].PropertyType == typeof(double) ? 1_000.5 + i : (object)(1_000L + i));
        }

        var table = await App.Get<UpsellTables>().StatsAsync(default);
        await table.AddEntityAsync(CounterEntity.From("p", CounterEntity.DayRow(new DateOnly(2026, 11, 24), 3), counters));
        var read = (await table.GetEntityAsync<CounterEntity>("p", "day|20261124|03")).Value.ToCounters();

        Assert.True(properties.Count >= 13, $"{properties.Count} counters");
        Assert.All(properties, p => Assert.Equal(p.GetValue(counters), p.GetValue(read)));
        Assert.Equal(counters, read);
    }
}
