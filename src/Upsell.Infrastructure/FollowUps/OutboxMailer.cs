using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Upsell.Infrastructure.FollowUps;

/// <summary>
/// Local development without a SendGrid key: each email is written to the outbox folder as an .eml file (open it
/// in a mail client) and as .html (open it in a browser), named after its follow-up id.
/// </summary>
public sealed partial class OutboxMailer(IOptions<EmailOptions> options, TimeProvider time, ILogger<OutboxMailer> logger) : IMailSender
{
    public async Task<MailResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var folder = Path.GetFullPath(options.Value.OutboxPath);
        Directory.CreateDirectory(folder);
        var name = FileName(email.FollowUpId);
        var eml = Path.Combine(folder, name + ".eml");
        await File.WriteAllTextAsync(eml, Mime(email, options.Value, time.GetUtcNow()), Encoding.ASCII, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, name + ".html"), email.Content.Html, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        LogWritten(email.FollowUpId, eml);
        return new MailResult(MailOutcome.Accepted, MessageId: "outbox:" + name);
    }

    internal static string Mime(OutgoingEmail email, EmailOptions options, DateTimeOffset now)
    {
        const string Boundary = "upsell-alternative";
        var from = string.IsNullOrWhiteSpace(options.FromAddress) ? "shop@localhost" : options.FromAddress;
        return new StringBuilder()
            .Append("From: ").Append(Encoded(options.ShopName)).Append(" <").Append(from).Append(">\r\n")
            .Append("To: <").Append(email.To).Append(">\r\n")
            .Append("Subject: ").Append(Encoded(email.Content.Subject)).Append("\r\n")
            .Append("Date: ").Append(now.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("Message-ID: <").Append(FileName(email.FollowUpId)).Append("@upsell.local>\r\n")
            .Append("List-Unsubscribe: ").Append(email.ListUnsubscribe).Append("\r\n")
            .Append("List-Unsubscribe-Post: ").Append(OutgoingEmail.ListUnsubscribePost).Append("\r\n")
            .Append("X-Upsell-FollowUp: ").Append(email.FollowUpId).Append("\r\n")
            .Append("MIME-Version: 1.0\r\n")
            .Append("Content-Type: multipart/alternative; boundary=\"").Append(Boundary).Append("\"\r\n\r\n")
            .Append(Part(Boundary, "text/plain", email.Content.Text))
            .Append(Part(Boundary, "text/html", email.Content.Html))
            .Append("--").Append(Boundary).Append("--\r\n")
            .ToString();
    }

    private static string Part(string boundary, string type, string body) =>
        $"--{boundary}\r\nContent-Type: {type}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + Convert.ToBase64String(Encoding.UTF8.GetBytes(body), Base64FormattingOptions.InsertLineBreaks) + "\r\n";

    // RFC 2047, so names and subjects outside ASCII survive in headers.
    private static string Encoded(string text) => $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}?=";

    private static string FileName(string followUpId) =>
        string.Concat(followUpId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));

    [LoggerMessage(Level = LogLevel.Information, Message = "Follow-up {FollowUpId} written to {Path} (no SendGrid key)")]
    private partial void LogWritten(string followUpId, string path);
}
