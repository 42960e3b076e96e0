using BenchmarkDotNet.Running;
using Upsell.Benchmarks;

if (args is ["recording", ..])
{
    return await RecordingLoad.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(DecisionBenchmarks).Assembly).Run(args);
return 0;
