namespace Upsell.Functions.Shopify;

/// <summary>The body of <c>POST /api/shopify/post-purchase/changeset</c>: the decision token of the offer accepted.</summary>
public sealed record ChangesetRequest(string? Token);

/// <summary>The changeset a post-purchase page hands to <c>applyChangeset</c>.</summary>
public sealed record ChangesetAnswer(string Token);
