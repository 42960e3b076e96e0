using System.Text.Json;

namespace Upsell.Domain;

/// <summary>Kebab-case wire names for the domain's enums ("exit-intent", "protection-plan").</summary>
public static class Wire
{
    /// <summary>The wire name of an enum value.</summary>
    public static string Name<T>(T value) where T : struct, Enum => Names<T>.ByValue[value];

    /// <summary>Parses a wire name, exactly and case-sensitively.</summary>
    public static bool TryParse<T>(string? name, out T value) where T : struct, Enum
    {
        if (name is not null && Names<T>.ByName.TryGetValue(name, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Every wire name of an enum, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Names<T>.InOrder;

    private static class Names<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string> ByValue =
            Enum.GetValues<T>().ToDictionary(v => v, v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));

        public static readonly Dictionary<string, T> ByName =
            ByValue.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

        public static readonly string[] InOrder = [.. Enum.GetValues<T>().Select(v => ByValue[v])];
    }
}
