namespace Upsell.Functions.FollowUps;

/// <summary>The body of <c>POST /api/manage/erasures</c>: the address whose data is deleted.</summary>
public sealed record ErasureRequest(string? Email);
