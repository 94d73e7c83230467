using Translations.Hosting;
using Translations.Workbench.Components;

namespace Translations.Workbench.Hosting;

public static class PagesExtensions
{
    /// <summary>The pages: Blazor with interactive server rendering (the text typed stays in the circuit).</summary>
    public static IHostApplicationBuilder AddWorkbenchPages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        return builder;
    }

    /// <summary>
    /// An error page outside Development and the not-found page, first in the pipeline: a request re-executed
    /// for them passes sign-in and antiforgery again, which the pages need.
    /// </summary>
    public static WebApplication UseErrorPages(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        return app;
    }

    /// <summary>The pages, their static files and the HTTP health probes.</summary>
    public static WebApplication MapWorkbenchPages(this WebApplication app)
    {
        app.MapHttpHealthProbes();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
