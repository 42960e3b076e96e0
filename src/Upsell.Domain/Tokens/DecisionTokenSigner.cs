using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Upsell.Domain.Offers;

namespace Upsell.Domain.Tokens;

/// <summary>
/// Signs and verifies decision tokens: <c>v2.{payload}.{mac}</c>, both canonical base64url, the MAC an HMAC-SHA256
/// over "v2." and the payload, whose issue time is in milliseconds and which ends with the offered product's mark,
/// the address bucket and the shopper's earlier orders (v2 tokens signed before that field have 13 fields). Tokens
/// of the first version (whole seconds, none of those fields), which follow-up emails may still carry, verify too.
/// Verification accepts the current key and, during a rotation, the previous one.
/// </summary>
public sealed class DecisionTokenSigner
{
    private const string Version = "v2";
    private const string FirstVersion = "v1";
    private const char Separator = '|';
    private readonly HmacKeyRing _keys;

    /// <summary>Creates a signer; keys must be at least 32 bytes.</summary>
    public DecisionTokenSigner(byte[] key, byte[]? previousKey = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        _keys = new HmacKeyRing(key, previousKey);
        if (_keys.ShortestKeyBytes < 32)
        {
            throw new ArgumentException("Token signing keys must be at least 32 bytes.", nameof(key));
        }
    }

    /// <summary>The signed token text.</summary>
    public string Sign(DecisionToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var payload = string.Join(Separator,
            token.DecisionId,
            token.OfferId,
            token.ExperimentKey ?? string.Empty,
            token.ExperimentPhase?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            token.VariantKey ?? string.Empty,
            Wire.Name(token.Moment),
            token.VisitorId,
            token.SessionId,
            token.IssuedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            token.Segment ?? string.Empty,
            token.CartValueMinor?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            token.Product ?? string.Empty,
            token.AddressBucket ?? string.Empty,
            token.EarlierOrders?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
        var encoded = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload));
        var signed = $"{Version}.{encoded}";
        return $"{signed}.{Base64Url.EncodeToString(Mac(signed))}";
    }

    /// <summary>Verifies a token's signature and age; the error says what is wrong.</summary>
    public bool TryVerify(string? text, DateTimeOffset now, TimeSpan maxAge, out DecisionToken? token, out string? error) =>
        TryVerify(text, now, _ => maxAge, out token, out error);

    /// <summary>
    /// Verifies a token's signature and age, where how old a token may be depends on its moment (a follow-up email's
    /// link waits in an inbox for days); the error says what is wrong.
    /// </summary>
    public bool TryVerify(string? text, DateTimeOffset now, Func<Moment, TimeSpan> maxAge, out DecisionToken? token, out string? error)
    {
        ArgumentNullException.ThrowIfNull(maxAge);
        token = null;
        var parts = text?.Split('.') ?? [];
        if (parts.Length != 3 || parts[0] is not (Version or FirstVersion))
        {
            error = "is not a decision token";
            return false;
        }

        var signed = $"{parts[0]}.{parts[1]}";
        if (!CanonicalBase64Url.TryDecode(parts[2], out var mac) || !MacMatches(signed, mac))
        {
            error = "has a bad signature";
            return false;
        }

        if (!CanonicalBase64Url.TryDecode(parts[1], out var payload) || !TryRead(parts[0] == Version, Encoding.UTF8.GetString(payload).Split(Separator), out var read))
        {
            error = "is malformed";
            return false;
        }

        if (now - read.IssuedAt > maxAge(read.Moment))
        {
            error = "has expired";
            return false;
        }

        if (read.IssuedAt - now > TimeSpan.FromMinutes(5))
        {
            error = "is issued in the future";
            return false;
        }

        token = read;
        error = null;
        return true;
    }

    // The fields of a payload: the current version's 14 (13 before earlier orders), or the first version's 9 to 11 in whole seconds.
    private static bool TryRead(bool current, string[] fields, out DecisionToken token)
    {
        token = null!;
        if (!(current ? fields.Length is 13 or 14 : fields.Length is 9 or 10 or 11)
            || !TryParseOptional(fields[3], int.MaxValue, out var phase)
            || !TryParseOptional(fields.Length >= 14 ? fields[13] : string.Empty, int.MaxValue, out var earlierOrders)
            || !TryParseOptional(fields.Length >= 11 ? fields[10] : string.Empty, long.MaxValue, out var cartValue)
            || !Wire.TryParse<Moment>(fields[5], out var moment)
            || !long.TryParse(fields[8], NumberStyles.None, CultureInfo.InvariantCulture, out var issued)
            || issued > (current ? 253_402_300_799_999 : 253_402_300_799))
        {
            return false;
        }

        var product = current ? NullIfEmpty(fields[11]) : null;
        if (product is not null && !Orders.OfferedProduct.IsMark(product))
        {
            return false;
        }

        token = new DecisionToken(fields[0], fields[1], NullIfEmpty(fields[2]), (int?)phase, NullIfEmpty(fields[4]), moment, fields[6], fields[7],
            current ? DateTimeOffset.FromUnixTimeMilliseconds(issued) : DateTimeOffset.FromUnixTimeSeconds(issued),
            fields.Length >= 10 ? NullIfEmpty(fields[9]) : null, cartValue, product, current ? NullIfEmpty(fields[12]) : null, (int?)earlierOrders);
        return true;
    }

    private bool MacMatches(string signed, byte[] mac) => _keys.Verify(Encoding.UTF8.GetBytes(signed), mac);

    private byte[] Mac(string signed) => _keys.Sign(Encoding.UTF8.GetBytes(signed));

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    // An optional field: empty is null, else digits only, and no more than the field's type holds.
    private static bool TryParseOptional(string value, long max, out long? number)
    {
        number = null;
        if (value.Length == 0)
        {
            return true;
        }

        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed > max)
        {
            return false;
        }

        number = parsed;
        return true;
    }
}
