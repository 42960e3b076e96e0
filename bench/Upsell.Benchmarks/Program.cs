using BenchmarkDotNet.Running;
using Upsell.Benchmarks;

if (args is ["recording" or "followups" or "reports" or "offers" or "contention" or "affinity", ..])
{
    var storage = Environment.GetEnvironmentVariable("UPSELL_BENCH_STORAGE")
        ?? throw new InvalidOperationException("Set UPSELL_BENCH_STORAGE to an Azurite connection string (scripts/bench-load.sh does).");
    return args[0] switch
    {
        "recording" => await RecordingLoad.RunAsync(storage, args[1..]),
        "followups" => await FollowUpLoad.RunAsync(storage, args[1..]),
        "offers" => await OfferLoad.RunAsync(storage, args[1..]),
        "contention" => await ContentionLoad.RunAsync(storage, args[1..]),
        "affinity" => await AffinityLoad.RunAsync(storage, args[1..]),
        _ => await ReportLoad.RunAsync(storage, args[1..]),
    };
}

BenchmarkSwitcher.FromAssembly(typeof(DecisionBenchmarks).Assembly).Run(args);
return 0;
