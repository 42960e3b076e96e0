namespace Upsell.Domain.FollowUps;

/// <summary>The next thing to do with one follow-up.</summary>
public enum FollowUpAction
{
    /// <summary>The email may go out now.</summary>
    Send,
    /// <summary>Not yet: too early, in the recipient's quiet hours, or waiting for a retry.</summary>
    Wait,
    /// <summary>The window has closed (or will have before the email may go out): never sent.</summary>
    Expire,
}
