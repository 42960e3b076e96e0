using System.ComponentModel.DataAnnotations;

namespace Upsell.Infrastructure.Storage;

/// <summary>Where the pipeline keeps its tables, and how storage calls are retried. The account comes from <c>AzureWebJobsStorage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Upsell:Storage";

    /// <summary>Prefixed to every table name, so several environments can share one account.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{0,39}$", ErrorMessage = "TablePrefix must be a letter then up to 39 letters or digits.")]
    public string TablePrefix { get; set; } = "upsell";

    /// <summary>Retries of one storage call after a 503, a timeout or a dropped connection, with exponential backoff.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first backoff delay; each retry doubles it, up to <see cref="MaxRetryDelaySeconds"/>.</summary>
    [Range(10, 10_000)]
    public int RetryDelayMilliseconds { get; set; } = 200;

    /// <summary>The longest backoff delay between two retries.</summary>
    [Range(1, 120)]
    public int MaxRetryDelaySeconds { get; set; } = 10;

    /// <summary>How long one storage call may take before it counts as timed out and is retried.</summary>
    [Range(1, 300)]
    public int NetworkTimeoutSeconds { get; set; } = 30;
}
