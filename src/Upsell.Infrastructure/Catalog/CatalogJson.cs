using System.Text.Json.Serialization;
using Upsell.Domain.Catalog;

namespace Upsell.Infrastructure.Catalog;

/// <summary>How catalog documents are stored in their table rows and in the demo catalog file.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(OfferDocument))]
[JsonSerializable(typeof(ExperimentDocument))]
[JsonSerializable(typeof(DemoCatalog))]
internal sealed partial class CatalogJson : JsonSerializerContext;
