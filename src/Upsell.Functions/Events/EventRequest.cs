namespace Upsell.Functions.Events;

/// <summary>One storefront event: a client-made id, what happened, when, and the decision token of the offer.</summary>
public sealed record EventRequest(string? Id, string? Type, DateTimeOffset? At, string? Token);
