using System.Text.Json.Serialization;
using Upsell.Infrastructure.Orders;
using Upsell.Infrastructure.Outcomes;

namespace Upsell.Infrastructure.Queues;

/// <summary>How queue messages are written and read.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(EventMessage))]
[JsonSerializable(typeof(OrderMessage))]
[JsonSerializable(typeof(RefundMessage))]
[JsonSerializable(typeof(IReadOnlyList<OrderLineMessage>))]
public sealed partial class QueueJson : JsonSerializerContext;
