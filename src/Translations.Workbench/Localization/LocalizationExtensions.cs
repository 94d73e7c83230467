using Microsoft.AspNetCore.Localization;
using Translations.Workbench.Components;

namespace Translations.Workbench.Localization;

public static class LocalizationExtensions
{
    /// <summary>The path the language switch submits to: <c>/language?culture=ru&amp;returnUrl=/translate</c>.</summary>
    public const string SwitchPath = "/language";

    public static IHostApplicationBuilder AddInterfaceLanguages(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(InterfaceLanguage.English)
                .AddSupportedCultures([.. InterfaceLanguage.Supported])
                .AddSupportedUICultures([.. InterfaceLanguage.Supported]);
            // The cookie the switch writes, else the browser's languages; no query string.
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return builder;
    }

    public static WebApplication UseInterfaceLanguages(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }

    /// <summary>Remembers the chosen language for a year and goes back where the switch was used.</summary>
    public static WebApplication MapLanguageSwitch(this WebApplication app)
    {
        app.MapGet(SwitchPath, (HttpContext context, string? culture, string? returnUrl) =>
        {
            if (culture is not null && InterfaceLanguage.Supported.Contains(culture))
            {
                context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            }
            return Results.LocalRedirect(ReturnUrls.OrHome(returnUrl));
        }).AllowAnonymous();
        return app;
    }
}
