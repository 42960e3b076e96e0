using System.Globalization;
using Microsoft.AspNetCore.Http;
using Upsell.Domain.Validation;

namespace Upsell.Functions.Reports;

/// <summary>The UTC date range of a report from <c>?from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c>: the last 30 days by default.</summary>
public static class ReportRange
{
    public const int DefaultDays = 30;

    public static (DateOnly From, DateOnly To, FieldError? Error) Read(HttpRequest request, DateTimeOffset now, int maxDays)
    {
        ArgumentNullException.ThrowIfNull(request);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (!TryDay(request.Query["to"], today, out var to))
        {
            return (default, default, new FieldError("to", "must be a date such as 2026-11-24"));
        }

        if (!TryDay(request.Query["from"], to.AddDays(1 - DefaultDays), out var from))
        {
            return (default, default, new FieldError("from", "must be a date such as 2026-11-01"));
        }

        if (from > to)
        {
            return (default, default, new FieldError("from", "must not be after to"));
        }

        return to.DayNumber - from.DayNumber >= maxDays
            ? (default, default, new FieldError("from", $"must be at most {maxDays} days before to"))
            : (from, to, null);
    }

    private static bool TryDay(string? text, DateOnly fallback, out DateOnly day)
    {
        day = fallback;
        return string.IsNullOrEmpty(text) || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }
}
