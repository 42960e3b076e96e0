using System.ComponentModel.DataAnnotations;
using Upsell.Domain.FollowUps;

namespace Upsell.Domain.Tests;

public class FollowUpOptionsTests
{
    [Fact]
    public void The_defaults_are_valid() => Assert.Empty(Errors(new FollowUpOptions()));

    [Theory]
    [InlineData(nameof(FollowUpOptions.QuietHoursStart), "9pm")]
    [InlineData(nameof(FollowUpOptions.QuietHoursEnd), "25:00")]
    [InlineData(nameof(FollowUpOptions.ShopTimeZone), "Mars/Olympus")]
    [InlineData(nameof(FollowUpOptions.LookbackDays), "2")]
    [InlineData(nameof(FollowUpOptions.ExpiryHours), "24")]
    public void A_bad_setting_is_named(string setting, string value)
    {
        var options = new FollowUpOptions();
        var property = typeof(FollowUpOptions).GetProperty(setting)!;
        property.SetValue(options, property.PropertyType == typeof(int) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : value);

        Assert.Contains(Errors(options), e => e.MemberNames.Contains(setting));
    }

    [Fact]
    public void A_recipient_without_a_known_time_zone_gets_the_shops()
    {
        var options = new FollowUpOptions { ShopTimeZone = "Europe/Berlin" };

        Assert.Equal(("Europe/Berlin", "America/New_York"), (options.ZoneFor(null).Id, options.ZoneFor("America/New_York").Id));
        Assert.Equal("Europe/Berlin", options.ZoneFor("Not/AZone").Id);
    }

    private static List<ValidationResult> Errors(FollowUpOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
