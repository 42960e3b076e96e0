using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Upsell.Infrastructure.FollowUps;

/// <summary>
/// Sends through SendGrid's v3 mail/send API and sorts its answer into what the follow-up does next: 2xx sent,
/// 429 and 5xx try again later, other 4xx refused, no answer unknown.
/// </summary>
public sealed partial class SendGridMailer(SendGridClient client, IOptions<EmailOptions> options, ILogger<SendGridMailer> logger) : IMailSender
{
    /// <summary>The custom argument naming the follow-up, which is its order's id.</summary>
    public const string FollowUpArgument = "followUpId";

    /// <summary>The custom argument naming the offer the email carries.</summary>
    public const string OfferArgument = "offerId";

    // A template's fields as its Handlebars names them: {{thanks}}, {{#each bought}}, {{offer.headline}}, …
    private static readonly JsonSerializerOptions TemplateJson = new(JsonSerializerDefaults.Web);

    public async Task<MailResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var message = ToMessage(email, options.Value);
        Response response;
        try
        {
            response = await client.SendEmailAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError)
        {
            // The request never reached SendGrid, so nothing can have been sent.
            return new MailResult(MailOutcome.RetryLater, Detail: e.HttpRequestError.ToString());
        }
        catch (HttpRequestException e)
        {
            return new MailResult(MailOutcome.Unknown, Detail: e.HttpRequestError.ToString());
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new MailResult(MailOutcome.Unknown, Detail: "timed out");
        }

        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return new MailResult(MailOutcome.Accepted, MessageId: Header(response.Headers, "X-Message-Id"));
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new MailResult(MailOutcome.RateLimited, RetryAt: ResetTime(response.Headers), Detail: "429");
        }

        if (status >= 500 || response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            if (status < 500)
            {
                // A key or sender problem is the operator's to fix, not the email's: keep it for a later run.
                LogRefusedKey(status);
            }

            return new MailResult(MailOutcome.RetryLater, Detail: status.ToString(CultureInfo.InvariantCulture));
        }

        var body = await response.Body.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new MailResult(MailOutcome.Rejected, Detail: $"{status} {body[..Math.Min(body.Length, 300)]}");
    }

    internal static SendGridMessage ToMessage(OutgoingEmail email, EmailOptions options)
    {
        var template = options.TemplateFor(email.Content.Data.Locale);
        var message = template is null
            ? MailHelper.CreateSingleEmail(new EmailAddress(options.FromAddress, options.ShopName), new EmailAddress(email.To), email.Content.Subject, email.Content.Text, email.Content.Html)
            : MailHelper.CreateSingleTemplateEmail(new EmailAddress(options.FromAddress, options.ShopName), new EmailAddress(email.To), template,
                JObject.Parse(JsonSerializer.Serialize(email.Content.Data, TemplateJson)));
        message.AddHeaders(new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = email.ListUnsubscribe,
            ["List-Unsubscribe-Post"] = OutgoingEmail.ListUnsubscribePost,
        });
        message.AddCustomArg(FollowUpArgument, email.FollowUpId);
        if (email.OfferId is { } offerId)
        {
            message.AddCustomArg(OfferArgument, offerId);
        }

        if (email.DecisionToken is { } token)
        {
            message.AddCustomArg(SendGridEvents.TokenArgument, token);
        }

        message.AddCategory("post-purchase");
        if (options.UnsubscribeGroupId > 0)
        {
            message.SetAsm(options.UnsubscribeGroupId);
        }

        return message;
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    // SendGrid's X-RateLimit-Reset is the Unix time (seconds) at which the limit resets.
    private static DateTimeOffset? ResetTime(HttpResponseHeaders headers) =>
        long.TryParse(Header(headers, "X-RateLimit-Reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    [LoggerMessage(Level = LogLevel.Error, Message = "SendGrid refused the API key or sender ({Status}); follow-ups wait for a later run")]
    private partial void LogRefusedKey(int status);
}
