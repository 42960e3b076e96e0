using BenchmarkDotNet.Running;
using Upsell.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(DecisionBenchmarks).Assembly).Run(args);
