using System.Text.Json.Serialization;
using Upsell.Domain.Catalog;

namespace Upsell.Infrastructure.Catalog;

/// <summary>How catalog documents are stored in their table rows (the demo catalog file has a context of its own, beside it in the application).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(OfferDocument))]
[JsonSerializable(typeof(ExperimentDocument))]
internal sealed partial class CatalogJson : JsonSerializerContext;
