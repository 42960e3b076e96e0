namespace Upsell.Domain.FollowUps;

/// <summary>
/// What an order's follow-up may still speak of, after what happened to the order since it was placed: nothing once
/// the order was cancelled, or once no line is left that nothing was refunded from (<c>refunded</c> or
/// <c>cancelled</c>, the skip reasons). Otherwise the email names only the lines nothing was refunded from, and the
/// products of the refunded lines are never its offer: a shopper who sent something back is not asked to buy it, or
/// something to go with it, again.
/// </summary>
public sealed record OrderAftermath(IReadOnlyList<int> KeptLines, IReadOnlyList<int> ReturnedLines, string? SkipReason)
{
    /// <summary>The aftermath of an order of <paramref name="lineCount"/> lines, given what refunds took from each line (by index).</summary>
    public static OrderAftermath Of(int lineCount, IReadOnlyDictionary<int, long> refunded, bool cancelled)
    {
        ArgumentNullException.ThrowIfNull(refunded);
        var returned = Enumerable.Range(0, lineCount).Where(i => refunded.GetValueOrDefault(i) > 0).ToList();
        var kept = Enumerable.Range(0, lineCount).Except(returned).ToList();
        var skip = cancelled ? "cancelled" : kept.Count == 0 && returned.Count > 0 ? "refunded" : null;
        return new OrderAftermath(kept, returned, skip);
    }
}
