using Translations.Settings;
using Translations.Errors;
using Translations.Hosting;
using Translations.HttpJson;

try
{
    var builder = WebApplication.CreateBuilder(SettingsLocation.Options(args));

    builder.AddStartupFailureReporting();
    builder.AddServiceDefaults();
    builder.AddRequestHeaderLimits();
    builder.AddReleaseRules();
    builder.AddAccessControl();
    builder.AddStorage();
    builder.AddReleaseCache();
    builder.AddScheduledPublishing();
    builder.AddChangeFeed();
    builder.AddTranslationsGrpc();
    builder.AddHttpJson();

    var app = builder.Build();

    app.UseManagementEndpoint();
    app.UseHttpJson();
    app.UseCallLogging();
    app.UseRequestHeaderLimits();
    app.UseRequestFramingChecks();
    app.UseAccessControl();
    app.MapTranslationsGrpc();
    app.MapHttpJson();

    app.ValidateSettings();
    await app.PrepareStorageAsync();
    await app.RunServiceAsync();
    return 0;
}
catch (InvalidSettingsException invalid)
{
    // A wrong setting is for the person who set it: one message naming it, no stack trace.
    await Console.Error.WriteLineAsync(invalid.Message);
    return 1;
}

/// <summary>The host's entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
