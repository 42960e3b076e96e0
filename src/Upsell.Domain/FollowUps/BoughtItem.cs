namespace Upsell.Domain.FollowUps;

/// <summary>One line of the order, as the follow-up email names it.</summary>
public sealed record BoughtItem(string Name, int Quantity);
