using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Upsell.Tests;

/// <summary>
/// Real Azurite for the tests. <c>scripts/test.sh</c> starts two for the whole run and passes their connection
/// strings in UPSELL_TEST_STORAGE and UPSELL_TEST_STORAGE_2 (<see cref="SecondAzurite"/>), so two test collections
/// run side by side without sharing storage; without them (a test run from an IDE) each fixture starts its own on
/// free loopback ports.
/// </summary>
public class Azurite : IAsyncLifetime
{
    public const string Variable = "UPSELL_TEST_STORAGE";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private Process? _process;
    private string? _folder;

    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>The variable that names a running Azurite for this fixture.</summary>
    protected virtual string VariableName => Variable;

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } given)
        {
            ConnectionString = given;
            return;
        }

        var azurite = Path.Combine(RepositoryRoot(), "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed: run `npm ci` in {RepositoryRoot()} (or run the tests with scripts/test.sh).");
        }

        int[] ports = [FreePort(), FreePort(), FreePort()];
        _folder = Directory.CreateTempSubdirectory("azurite-").FullName;
        var start = new ProcessStartInfo(azurite)
        {
            ArgumentList =
            {
                "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--disableProductStyleUrl",
                "--blobHost", "127.0.0.1", "--blobPort", $"{ports[0]}",
                "--queueHost", "127.0.0.1", "--queuePort", $"{ports[1]}",
                "--tableHost", "127.0.0.1", "--tablePort", $"{ports[2]}",
            },
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        foreach (var port in ports)
        {
            await WaitForPortAsync(port).ConfigureAwait(false);
        }

        ConnectionString = ConnectionStringFor(ports[0], ports[1], ports[2]);
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5_000);
        }

        _process?.Dispose();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    /// <summary>The folder that holds UpsellFunctions.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "UpsellFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("UpsellFunctions.sln was not found above the test output.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitForPortAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited: {await _process.StandardError.ReadToEndAsync().ConfigureAwait(false)}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }

        throw new TimeoutException($"Azurite did not listen on port {port} within 30 s.");
    }
}

[CollectionDefinition(Name)]
public sealed class UsesAzurite : ICollectionFixture<Azurite>
{
    public const string Name = "Azurite";
}

/// <summary>The second Azurite, named by UPSELL_TEST_STORAGE_2.</summary>
public sealed class SecondAzurite : Azurite
{
    protected override string VariableName => $"{Variable}_2";
}

/// <summary>The longest storage tests, on an Azurite of their own, beside <see cref="UsesAzurite"/>.</summary>
[CollectionDefinition(Name)]
public sealed class UsesSecondAzurite : ICollectionFixture<SecondAzurite>
{
    public const string Name = "Azurite, second";
}

/// <summary>
/// Storage tests that read process-wide state (the app's meters), run when no other test of the project runs.
/// Fault injection needs no such care: its faults live in its own app's pipeline.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class UsesAzuriteAlone : ICollectionFixture<Azurite>
{
    public const string Name = "Azurite, alone";
}
