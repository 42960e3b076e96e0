using System.Text.Json.Serialization;
using Upsell.Application.FollowUps;
using Upsell.Application.Intake;
using Upsell.Application.Offers;
using Upsell.Application.Operations;
using Upsell.Application.Reports;
using Upsell.Domain.Catalog;
using Upsell.Functions.Connectors;
using Upsell.Functions.Events;
using Upsell.Functions.FollowUps;
using Upsell.Functions.Offers;
using Upsell.Infrastructure.FollowUps;

namespace Upsell.Functions.Http;

/// <summary>Every body the HTTP functions read or write, serialized by source generation.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(OfferRequest))]
[JsonSerializable(typeof(OfferAnswer))]
[JsonSerializable(typeof(DecisionExplanation))]
[JsonSerializable(typeof(Upsell.Infrastructure.Shops.ProductSearch))]
[JsonSerializable(typeof(Console.PreviewSettings))]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(EventBatchRequest))]
[JsonSerializable(typeof(EventsAccepted))]
[JsonSerializable(typeof(OrderRequest))]
[JsonSerializable(typeof(OrderAccepted))]
[JsonSerializable(typeof(RefundRequest))]
[JsonSerializable(typeof(RefundAccepted))]
[JsonSerializable(typeof(ErasureRequest))]
[JsonSerializable(typeof(ErasureResult))]
[JsonSerializable(typeof(WebhookNoted))]
[JsonSerializable(typeof(EmailEventsRecorded))]
[JsonSerializable(typeof(OfferDocument))]
[JsonSerializable(typeof(ExperimentDocument))]
[JsonSerializable(typeof(IReadOnlyList<OfferDocument>))]
[JsonSerializable(typeof(IReadOnlyList<ExperimentDocument>))]
[JsonSerializable(typeof(IReadOnlyList<ExperimentSummary>))]
[JsonSerializable(typeof(ExperimentReport))]
[JsonSerializable(typeof(MomentsReport))]
[JsonSerializable(typeof(HoldoutReport))]
[JsonSerializable(typeof(OffersReport))]
[JsonSerializable(typeof(OperationsReport))]
[JsonSerializable(typeof(ReplayResult))]
[JsonSerializable(typeof(Affinity.AffinityAnswer))]
[JsonSerializable(typeof(ShownOffer))]
[JsonSerializable(typeof(Shopify.ChangesetRequest))]
[JsonSerializable(typeof(Shopify.ChangesetAnswer))]
public sealed partial class ApiJson : JsonSerializerContext;
