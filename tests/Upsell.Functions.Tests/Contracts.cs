using System.Text.Json;
using System.Text.Json.Nodes;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>The contract fixtures under contracts/ and the shape check their tests share.</summary>
internal static class Contracts
{
    /// <summary>The path of a Shopify extension's fixture (contracts/shopify/).</summary>
    public static string Shopify(string name) => Path.Combine(Azurite.RepositoryRoot(), "contracts", "shopify", name);

    public static JsonElement Json(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    public static JsonObject Node(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    /// <inheritdoc cref="ContractTests.AssertSameShape"/>
    public static void AssertSameShape(JsonElement expected, JsonElement actual, string path) => ContractTests.AssertSameShape(expected, actual, path);
}
