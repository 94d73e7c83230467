using System.CommandLine;
using Spectre.Console;
using Spectre.Console.Rendering;
using Translations.Cli.Hosting;
using Translations.V1;

namespace Translations.Cli.Translation;

/// <summary><c>translations tasks --lang en</c>: what needs translating, oldest first, with the reason.</summary>
internal static class TasksCommand
{
    public static Command Create(CliContext cli)
    {
        var language = new Option<string>("--lang") { Description = "The language to translate into.", Required = true };
        var command = new Command("tasks", Help.Describe(
            "Lists what needs translating into a language, oldest release first, with the reason: missing; outdated, with what "
            + "changed in the source; rejected, with the reviewer's comment.",
            "translations tasks --lang en"))
        {
            language,
        };
        cli.Service.AddTo(command);
        command.SetAction((parsed, cancellationToken) =>
        {
            var target = parsed.GetValue(language)!;
            return cli.RunAsync(parsed, new Attempt($"list the translation tasks for {target}", Language: target), async (client, cancel) =>
            {
                var json = parsed.GetValue(cli.Service.Json);
                var table = Words.Table("Release", "Date", "Reason", "Detail");
                var count = 0;
                await foreach (var task in client.ListTranslationTasksAsync(target, cancel))
                {
                    count++;
                    if (json)
                    {
                        cli.Json(task);
                        continue;
                    }
                    table.AddRow(new IRenderable[]
                    {
                        Words.Cell(task.ReleaseId), Words.Cell(Words.Date(task.ReleaseDate)), Words.Cell(Reason(task.Reason)), Words.Cell(Detail(task)),
                    });
                }
                if (!json)
                {
                    if (count == 0)
                    {
                        cli.Console.WriteLine($"Nothing to translate into {target}.");
                        return;
                    }
                    cli.Console.Write(table);
                }
            }, cancellationToken);
        });
        return command;
    }

    private static string Reason(TranslationTaskReason reason) => reason switch
    {
        TranslationTaskReason.Missing => "missing",
        TranslationTaskReason.Outdated => "outdated",
        TranslationTaskReason.Rejected => "rejected",
        _ => "-",
    };

    /// <summary>What to translate from, what changed in the source since the translation, or why it was rejected.</summary>
    public static string Detail(TranslationTask task)
    {
        var source = task.Source;
        return task.Reason switch
        {
            TranslationTaskReason.Outdated when task.PreviousSource is { } previous =>
                $"{source.Language} {Words.Revision(previous.Revision)} -> {Words.Revision(source.Revision)} changed {Changed(previous, source)}; "
                + $"{task.Translation?.Language} {Words.Revision(task.Translation?.Revision ?? 0)} was made from {Words.Revision(previous.Revision)}",
            TranslationTaskReason.Rejected when task.Translation is { } rejected =>
                $"{rejected.Language} {Words.Revision(rejected.Revision)} rejected by {rejected.Actor}: \"{rejected.Comment}\"",
            _ => $"translate {source.Language} {Words.Revision(source.Revision)}: \"{source.Title}\"",
        };
    }

    private static string Changed(Variant before, Variant after)
    {
        var changed = new List<string>();
        if (before.Title != after.Title)
        {
            changed.Add("title");
        }
        if (before.Lead != after.Lead)
        {
            changed.Add("lead");
        }
        if (before.Body != after.Body)
        {
            changed.Add("body");
        }
        return changed.Count == 0 ? "nothing in the texts" : string.Join(", ", changed);
    }
}
