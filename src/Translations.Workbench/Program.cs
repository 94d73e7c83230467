using Translations.Hosting;
using Translations.Settings;
using Translations.Workbench.Hosting;
using Translations.Workbench.Live;
using Translations.Workbench.Localization;
using Translations.Workbench.SignIn;

try
{
    var builder = WebApplication.CreateBuilder(SettingsLocation.Options(args));

    builder.AddStartupFailureReporting();
    builder.AddServiceDefaults();
    builder.AddWorkbenchSettings();
    builder.AddInterfaceLanguages();
    builder.AddSignIn();
    builder.AddServiceClient();
    builder.AddLiveChanges();
    builder.AddWorkbenchPages();

    var app = builder.Build();

    app.UseManagementEndpoint();
    app.UseErrorPages();
    app.UseInterfaceLanguages();
    app.UseSignIn();
    app.MapLanguageSwitch();
    app.MapSignIn();
    app.MapWorkbenchPages();

    app.ValidateSettings();
    await app.RunServiceAsync();
    return 0;
}
catch (InvalidSettingsException invalid)
{
    // A wrong setting is for the person who set it: one message naming it, no stack trace.
    await Console.Error.WriteLineAsync(invalid.MessageFor("The workbench"));
    return 1;
}

