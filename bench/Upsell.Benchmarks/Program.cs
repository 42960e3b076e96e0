using BenchmarkDotNet.Running;
using Upsell.Benchmarks;

if (args is ["recording" or "followups", ..])
{
    var storage = Environment.GetEnvironmentVariable("UPSELL_BENCH_STORAGE")
        ?? throw new InvalidOperationException("Set UPSELL_BENCH_STORAGE to an Azurite connection string (scripts/bench-load.sh does).");
    return args[0] == "recording" ? await RecordingLoad.RunAsync(storage, args[1..]) : await FollowUpLoad.RunAsync(storage, args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(DecisionBenchmarks).Assembly).Run(args);
return 0;
