using System.Text.Json.Serialization;
using Upsell.Domain.Outcomes;
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
[JsonSerializable(typeof(IReadOnlyList<Outcome>))]
public sealed partial class QueueJson : JsonSerializerContext;
