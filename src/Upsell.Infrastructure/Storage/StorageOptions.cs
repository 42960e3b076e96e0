using System.ComponentModel.DataAnnotations;

namespace Upsell.Infrastructure.Storage;

/// <summary>Where the pipeline keeps its tables. The account itself comes from <c>AzureWebJobsStorage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Upsell:Storage";

    /// <summary>Prefixed to every table name, so several environments can share one account.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{0,39}$", ErrorMessage = "TablePrefix must be a letter then up to 39 letters or digits.")]
    public string TablePrefix { get; set; } = "upsell";
}
