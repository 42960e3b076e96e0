namespace Upsell.Domain.Experiments;

/// <summary>Where an experiment is in its life.</summary>
public enum ExperimentStatus
{
    /// <summary>Being prepared; assigns nobody.</summary>
    Draft,
    /// <summary>Splitting visitors.</summary>
    Running,
    /// <summary>Ended with a recorded decision; assigns nobody.</summary>
    Stopped,
    /// <summary>Ended with a winner that the merchant has made the offer itself; assigns nobody.</summary>
    Shipped,
}
