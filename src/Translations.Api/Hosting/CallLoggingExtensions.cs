using Translations.Hosting;

namespace Microsoft.Extensions.Hosting;

public static class CallLoggingExtensions
{
    public static WebApplication UseCallLogging(this WebApplication app)
    {
        app.UseMiddleware<CallLogging>();
        return app;
    }
}
