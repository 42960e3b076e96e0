namespace Upsell.Infrastructure.FollowUps;

/// <summary>Sends one email: through SendGrid, or into the local outbox when there is no API key.</summary>
public interface IMailSender
{
    Task<MailResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}
