using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Upsell.Application.Erasure;
using Upsell.Functions.Http;

namespace Upsell.Functions.FollowUps;

/// <summary><c>POST /api/manage/erasures</c> (admin): deletes everything stored for an email address.</summary>
public sealed class EraseAddressFunction(CustomerEraser customers)
{
    public const int MaxBytes = 1024;

    [Function(nameof(EraseAddress))]
    public async Task<IActionResult> EraseAddress(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/erasures")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadAsync(request, ApiJson.Default.ErasureRequest, cancellationToken, MaxBytes).ConfigureAwait(false);
        if (error is not null)
        {
            return Responses.Invalid([error]);
        }

        if (body!.Email is not { Length: >= 3 and <= 254 } email || !email.Contains('@', StringComparison.Ordinal))
        {
            return Responses.Invalid("email", "must be an email address");
        }

        var result = await customers.EraseAsync(email, [], cancellationToken).ConfigureAwait(false);
        return Responses.Json(result, ApiJson.Default.ErasureResult);
    }
}
