namespace Upsell.Domain.FollowUps;

/// <summary>
/// The local hours in which nobody is emailed, for example 21:00–08:00. A window whose start is after its end runs
/// overnight; equal start and end mean no quiet hours.
/// </summary>
public readonly record struct QuietHours(TimeOnly Start, TimeOnly End)
{
    /// <summary>Whether a local time of day falls in the quiet hours.</summary>
    public bool Contains(TimeOnly time) =>
        Start == End ? false
        : Start < End ? time >= Start && time < End
        : time >= Start || time < End;

    /// <summary>
    /// The earliest instant at or after <paramref name="instant"/> that lies outside the quiet hours in
    /// <paramref name="zone"/>, computed on the local clock, so it is right on daylight-saving change days too.
    /// </summary>
    public DateTimeOffset NextAllowed(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        if (!Contains(TimeOnly.FromDateTime(local)))
        {
            return instant;
        }

        var endsTomorrow = Start > End && TimeOnly.FromDateTime(local) >= Start;
        var end = local.Date.AddDays(endsTomorrow ? 1 : 0) + End.ToTimeSpan();

        // A quiet-hours end inside the spring-forward gap does not exist on that day: the clock shows it later.
        while (zone.IsInvalidTime(end))
        {
            end = end.AddMinutes(1);
        }

        // In the autumn's repeated hour, the first occurrence is when the quiet hours end.
        var offset = zone.IsAmbiguousTime(end) ? zone.GetAmbiguousTimeOffsets(end).Max() : zone.GetUtcOffset(end);
        var allowed = new DateTimeOffset(DateTime.SpecifyKind(end, DateTimeKind.Unspecified), offset);
        return allowed > instant ? allowed : instant;
    }

    /// <summary>Parses "21:00" and "08:00" style times; false when either is not a time of day.</summary>
    public static bool TryParse(string? start, string? end, out QuietHours hours)
    {
        hours = default;
        if (!TimeOnly.TryParseExact(start, "HH:mm", out var s) || !TimeOnly.TryParseExact(end, "HH:mm", out var e))
        {
            return false;
        }

        hours = new QuietHours(s, e);
        return true;
    }
}
