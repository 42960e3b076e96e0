namespace Upsell.Domain.Experiments;

/// <summary>Where an experiment is in its life.</summary>
public enum ExperimentStatus
{
    /// <summary>Being prepared; assigns nobody.</summary>
    Draft,
    /// <summary>Splitting visitors.</summary>
    Running,
    /// <summary>Decided; assigns nobody.</summary>
    Stopped,
}
