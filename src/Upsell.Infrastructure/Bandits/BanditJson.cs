using System.Text.Json;
using System.Text.Json.Serialization;

namespace Upsell.Infrastructure.Bandits;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Dictionary<string, double>))]
[JsonSerializable(typeof(Dictionary<string, ArmTotals>))]
internal sealed partial class BanditJson : JsonSerializerContext;
