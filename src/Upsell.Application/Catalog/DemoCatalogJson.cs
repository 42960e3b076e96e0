using System.Text.Json.Serialization;

namespace Upsell.Application.Catalog;

/// <summary>How the demo catalog file is read: as the catalog's rows store their documents.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(DemoCatalog))]
internal sealed partial class DemoCatalogJson : JsonSerializerContext;
