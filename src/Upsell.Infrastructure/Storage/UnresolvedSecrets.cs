using Microsoft.Extensions.Configuration;

namespace Upsell.Infrastructure.Storage;

/// <summary>
/// In Azure, App Service replaces a setting's <c>@Microsoft.KeyVault(...)</c> reference with the secret. On a first
/// start, before the identity's role assignment has propagated, it cannot, and the app would see the reference text
/// itself (and fail on it as bad base64). This names the setting and what to check instead.
/// </summary>
public static class UnresolvedSecrets
{
    private const string Reference = "@Microsoft.KeyVault(";

    public static void ThrowIfAny(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var unresolved = configuration.AsEnumerable()
            .Where(setting => setting.Value?.TrimStart().StartsWith(Reference, StringComparison.OrdinalIgnoreCase) == true)
            .Select(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (unresolved.Count > 0)
        {
            throw new InvalidOperationException(
                $"The setting(s) {string.Join(", ", unresolved)} still hold a Key Vault reference: App Service could not resolve it. "
                + "Check that the app's managed identity has the 'Key Vault Secrets User' role on the vault (a new role assignment takes a few minutes to apply), "
                + "that the site's keyVaultReferenceIdentity is that identity, that the secret exists under the name in the reference, and that the vault's network rules let the app in; "
                + "then restart the app. The Function App's 'Environment variables' blade shows each reference's status.");
        }
    }
}
