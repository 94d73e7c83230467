using Microsoft.Extensions.Options;
using Translations.Hosting;
using Translations.Workbench.SignIn;

namespace Translations.Workbench.Hosting;

public static class WorkbenchSettingsExtensions
{
    /// <summary>Binds <c>Workbench__*</c> and <c>Auth__*</c>; <see cref="WorkbenchSettings"/> checks them before start-up.</summary>
    public static IHostApplicationBuilder AddWorkbenchSettings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SignInOptions>().BindSettings(SignInOptions.Section);
        builder.Services.AddOptions<WorkbenchOptions>().BindSettings(WorkbenchOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WorkbenchOptions>, WorkbenchSettingsValidator>();
        return builder;
    }
}

internal sealed class WorkbenchSettingsValidator(IOptions<SignInOptions> signIn, IHostEnvironment environment) : IValidateOptions<WorkbenchOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkbenchOptions options) =>
        WorkbenchSettings.Problems(options, signIn.Value, environment.IsDevelopment()) is { Count: > 0 } problems
            ? ValidateOptionsResult.Fail(problems)
            : ValidateOptionsResult.Success;
}
