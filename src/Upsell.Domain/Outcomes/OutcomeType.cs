namespace Upsell.Domain.Outcomes;

/// <summary>What a shopper did with a shown offer, or an order that carried it.</summary>
public enum OutcomeType
{
    /// <summary>The offer was rendered in view.</summary>
    Impression,

    /// <summary>The shopper opened or clicked into the offer.</summary>
    Click,

    /// <summary>The shopper took the offer.</summary>
    Accept,

    /// <summary>The shopper said "No thanks"; the offer stays away for the cool-down.</summary>
    Decline,

    /// <summary>The prompt was closed without an answer.</summary>
    Dismiss,

    /// <summary>An order carried the accepted offer; the revenue is attributed to it.</summary>
    Order,

    /// <summary>A refund of an attributed order; its revenue comes out again.</summary>
    Refund,

    /// <summary>The visitor reached a moment (held out or treated); counts them for the holdout view.</summary>
    Exposure,

    /// <summary>A storefront event arrived, whatever it was and whether it counted: traffic quality's events per decision.</summary>
    Received,

    /// <summary>An accept sooner after its decision than a shopper could read the offer: not an accept, only a sign in traffic quality.</summary>
    HastyAccept,

    /// <summary>A follow-up email was opened by its reader (SendGrid's open event; a mail client's automatic opens are not these).</summary>
    Open,
}
