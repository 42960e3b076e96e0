using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Upsell.Application;
using Upsell.Functions.Telemetry;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddUpsellApplication(builder.Configuration);
builder.Services.AddUpsellTelemetry(builder.Configuration);
builder.Logging.AddUpsellLogging();
builder.Build().Run();
