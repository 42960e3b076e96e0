using Microsoft.Extensions.Logging;

namespace Upsell.Functions.Telemetry;

/// <summary>
/// What the worker logs, set in code so it is the same in Azure and locally: the worker's logs reach the host (and
/// Application Insights) whatever host.json says, so they are filtered here. The app's own categories log at
/// Information; everything else, the Azure SDK's request and response records above all, only from Warning. An
/// offer decision then writes no log record at Information.
/// </summary>
public static class WorkerLogging
{
    /// <summary>The app's own log categories (its namespaces).</summary>
    public const string AppCategory = "Upsell";

    public static ILoggingBuilder AddUpsellLogging(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        return logging
            .AddFilter((string?)null, LogLevel.Warning)
            .AddFilter(AppCategory, LogLevel.Information);
    }
}
