using System.ComponentModel.DataAnnotations;

namespace Upsell.Infrastructure.Queues;

/// <summary>
/// The queues between the HTTP functions and the recorders. The queue triggers read the same settings
/// (<c>%Upsell:Queues:Events%</c>), so the host needs them set too: they are in every settings file and template.
/// </summary>
public sealed class QueueOptions
{
    public const string SectionName = "Upsell:Queues";

    /// <summary>Batches of storefront events.</summary>
    [Required, RegularExpression(QueueName, ErrorMessage = NameRule)]
    public string Events { get; set; } = "upsell-events";

    /// <summary>Orders from the commerce backend.</summary>
    [Required, RegularExpression(QueueName, ErrorMessage = NameRule)]
    public string Orders { get; set; } = "upsell-orders";

    /// <summary>Refunds from the commerce backend.</summary>
    [Required, RegularExpression(QueueName, ErrorMessage = NameRule)]
    public string Refunds { get; set; } = "upsell-refunds";

    /// <summary>Erasures too long for a webhook's answer: a platform's request to forget the whole shop.</summary>
    [Required, RegularExpression(QueueName, ErrorMessage = NameRule)]
    public string Erasures { get; set; } = "upsell-erasures";

    // 3 to 56 characters, so that the host's "-poison" queue beside it is still a valid name.
    private const string QueueName = "^(?=.{3,56}$)[a-z0-9]+(-[a-z0-9]+)*$";
    private const string NameRule = "A queue name is 3 to 56 lower-case letters, digits and single hyphens.";
}
