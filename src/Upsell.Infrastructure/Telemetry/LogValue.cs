using System.Globalization;
using System.Text;

namespace Upsell.Infrastructure.Telemetry;

/// <summary>
/// A value from outside (a header, a platform's text, a remote API's answer) as it may be written to a log: CR, LF and
/// every other control character escaped, so it cannot start a forged log line or move a reader's terminal. Logged as
/// this wrapper, the escaping happens only when a log is written.
/// </summary>
public readonly record struct LogValue(string? Text)
{
    /// <inheritdoc/>
    public override string ToString() => Escape(Text) ?? string.Empty;

    public static string? Escape(string? value)
    {
        if (value is null || !value.Any(char.IsControl))
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            escaped.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
