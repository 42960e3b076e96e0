using System.Text.Json;
using System.Text.Json.Serialization;
using Upsell.Domain.Affinity;

namespace Upsell.Infrastructure.Affinity;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Neighbour[]))]
internal sealed partial class AffinityJson : JsonSerializerContext;
