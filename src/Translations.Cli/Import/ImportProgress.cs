using Spectre.Console;
using Translations.Cli.Hosting;

namespace Translations.Cli.Import;

/// <summary>A progress bar for long work, drawn only on a terminal (never into redirected output or a test's writer).</summary>
internal sealed class ImportProgress(CliContext cli)
{
    /// <summary>Work of a known size (items, or bytes of a file): <c>report(n)</c> adds n done.</summary>
    public async Task RunAsync(string what, long total, Func<Action<long>, Task> work)
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

    /// <summary>Work of an unknown size: the count so far is shown beside <paramref name="what"/>.</summary>
    public async Task CountAsync(string what, Func<Action<long>, Task> work)
    {
        if (!cli.Console.Profile.Capabilities.Ansi)
        {
            await work(_ => { });
            return;
        }
        await cli.Console.Progress().AutoClear(true).StartAsync(async context =>
        {
            var task = context.AddTask(Markup.Escape(what));
            task.IsIndeterminate = true;
            var count = 0L;
            await work(done =>
            {
                count += done;
                task.Description = Markup.Escape(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{what}: {count:N0}"));
            });
        });
    }
}
