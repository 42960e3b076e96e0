using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Upsell.Domain.FollowUps;
using Upsell.Infrastructure.FollowUps;

namespace Upsell.Functions.FollowUps;

/// <summary>
/// The unsubscribe link of every email. <c>GET</c> only shows a confirmation page (link scanners open links);
/// <c>POST</c> unsubscribes at once, as mail clients' one-click unsubscribe does (RFC 8058).
/// </summary>
public sealed class UnsubscribeFunction(UnsubscribeTokenSigner signer, AddressBook addresses, TimeProvider time, IOptions<UnsubscribeOptions> options)
{
    [Function(nameof(ShowUnsubscribe))]
    public IActionResult ShowUnsubscribe([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "unsubscribe")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string token = request.Query["token"].ToString();
        return Verify(token, out _, out var error) ? UnsubscribePage.Confirm(token) : UnsubscribePage.Invalid(error);
    }

    [Function(nameof(Unsubscribe))]
    public async Task<IActionResult> Unsubscribe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "unsubscribe")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Verify(request.Query["token"].ToString(), out var addressKey, out var error))
        {
            return UnsubscribePage.Invalid(error);
        }

        await addresses.UnsubscribeAsync(addressKey, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return UnsubscribePage.Done();
    }

    private bool Verify(string token, out string addressKey, out string error) =>
        signer.TryVerify(token, time.GetUtcNow(), TimeSpan.FromDays(options.Value.TokenDays), out addressKey, out error);
}
