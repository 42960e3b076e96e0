using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Upsell.Functions.Telemetry;

/// <summary>
/// Says when the worker starts and when it stops cleanly. The host starts a worker each time it starts; a start on
/// an instance with no clean stop before it is a restart after a crash (a storage outage that failed the timers'
/// lease, an out-of-memory), which the <c>restarts</c> alert counts.
/// </summary>
public sealed partial class WorkerLifetime(ILogger<WorkerLifetime> logger) : IHostedService
{
    public const string Started = "Upsell worker started";
    public const string Stopped = "Upsell worker stopped";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogStarted();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        LogStopped();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = Started)]
    private partial void LogStarted();

    [LoggerMessage(Level = LogLevel.Information, Message = Stopped)]
    private partial void LogStopped();
}
