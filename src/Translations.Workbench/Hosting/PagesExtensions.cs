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

    /// <summary>The pages, their static files, an error page outside Development, and the HTTP health probes.</summary>
    public static WebApplication MapWorkbenchPages(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.MapHttpHealthProbes();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
