
namespace Upsell.Application.Operations;

/// <summary>
/// What an operator checks: the queues, the follow-up emails by status over the last days (due days
/// <see cref="FollowUpsFrom"/> to <see cref="FollowUpsTo"/>), how old the in-memory catalog is, and how many
/// platform test orders were kept without counting, and the addresses SendGrid's events barred from email.
/// </summary>
public sealed record OperationsReport(
    DateTimeOffset At,
    IReadOnlyList<QueueHealth> Queues,
    DateOnly FollowUpsFrom,
    DateOnly FollowUpsTo,
    FollowUpCounts FollowUps,
    double? CatalogAgeSeconds,
    int TestOrders,
    EmailSuppressions Suppressed);

/// <summary>Addresses no email goes to again: by the SendGrid event that said so, or unsubscribed (at SendGrid or by the email's link).</summary>
public sealed record EmailSuppressions(int Bounce, int Dropped, int SpamReport, int Unsubscribed);
