using Spectre.Console;
using Translations.Cli.Hosting;

namespace Translations.Cli.Import;

/// <summary>A progress bar for long work, drawn only on a terminal (never into redirected output or a test's writer).</summary>
internal sealed class ImportProgress(CliContext cli)
{
    public async Task RunAsync(string what, int total, Func<Action<int>, Task> work)
    {
        if (!cli.Console.Profile.Capabilities.Ansi || total == 0)
        {
            await work(_ => { });
            return;
        }
        await cli.Console.Progress().AutoClear(true).StartAsync(async context =>
        {
            var task = context.AddTask(Markup.Escape(what), maxValue: total);
            await work(done => task.Increment(done));
        });
    }
}
