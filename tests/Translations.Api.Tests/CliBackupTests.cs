using System.Text.Json;
using Translations.Tests.Infrastructure;
using Translations.V1;

namespace Translations.Tests;

/// <summary>
/// <c>translations export jsonl</c> and <c>import jsonl</c> against real services on both databases: a
/// backup restored on the other database exports the same file, byte for byte.
/// </summary>
public sealed class CliBackupTests : IAsyncLifetime
{
    private readonly TranslationsApp _sqlite = new TranslationsApp().OnPostgreSql(false);
    private readonly TranslationsApp _postgreSql = new TranslationsApp().OnPostgreSql();
    private readonly string _folder = Directory.CreateTempSubdirectory("translations-backup-").FullName;

    public async ValueTask InitializeAsync()
    {
        await _sqlite.InitializeAsync();
        await _postgreSql.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _sqlite.DisposeAsync();
        await _postgreSql.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string File(string name) => Path.Combine(_folder, name);

    private static Task<CliRun> AsAdminAsync(TranslationsApp app, params string[] args) =>
        new CliSession(app.Address).RunAsync(BackupContent.Admin, args);

    [Fact]
    public async Task A_backup_restored_on_the_other_database_exports_the_same_file()
    {
        await BackupContent.FillAsync(_sqlite);

        var exported = await AsAdminAsync(_sqlite, "export", "jsonl", "--output", File("sqlite.jsonl"));
        var restored = await AsAdminAsync(_postgreSql, "import", "jsonl", File("sqlite.jsonl"));
        var again = await AsAdminAsync(_postgreSql, "export", "jsonl", "--output", File("postgresql.jsonl"));

        Assert.True(exported.ExitCode == 0, exported.ToString());
        Assert.Equal("Exported 4 releases (7 variants, 3 of them published, 23 revisions) to " + File("sqlite.jsonl") + ".\n", exported.Output);
        Assert.True(restored.ExitCode == 0, restored.ToString());
        Assert.Equal("Restored sqlite.jsonl: 4 created, 0 unchanged, 0 failed.\n", restored.Output);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(await System.IO.File.ReadAllBytesAsync(File("sqlite.jsonl")), await System.IO.File.ReadAllBytesAsync(File("postgresql.jsonl")));
        Assert.Equal(["postgresql.jsonl", "sqlite.jsonl"], Directory.GetFiles(_folder).Select(Path.GetFileName).Order());   // no temporary file left
        var lines = await System.IO.File.ReadAllLinesAsync(File("sqlite.jsonl"));
        Assert.Equal(4, lines.Length);
        Assert.All(lines, line => Assert.NotNull(Google.Protobuf.JsonParser.Default.Parse<ReleaseBackup>(line).Release));
        Assert.Contains("\"sourceLanguage\": \"en\"", lines[0]);           // proto JSON names, the oldest release first
        Assert.Contains("\"state\": \"VARIANT_STATE_REJECTED\"", lines[0]);
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing()
    {
        await BackupContent.FillAsync(_sqlite);
        await AsAdminAsync(_sqlite, "export", "jsonl", "--output", File("backup.jsonl"));
        await AsAdminAsync(_postgreSql, "import", "jsonl", File("backup.jsonl"));
        var sequence = await _postgreSql.LastSequenceAsync();

        var again = await AsAdminAsync(_postgreSql, "import", "jsonl", File("backup.jsonl"), "--json");

        Assert.True(again.ExitCode == 0, again.ToString());
        var summary = JsonDocument.Parse(again.OutputLines.Single()).RootElement.GetProperty("summary");
        Assert.Equal((0, 4, 0), (summary.GetProperty("created").GetInt32(), summary.GetProperty("unchanged").GetInt32(), summary.GetProperty("failed").GetInt32()));
        Assert.Equal(sequence, await _postgreSql.LastSequenceAsync());
    }

    [Fact]
    public async Task A_malformed_line_restores_nothing_and_names_its_line()
    {
        await BackupContent.FillAsync(_sqlite);
        await AsAdminAsync(_sqlite, "export", "jsonl", "--output", File("backup.jsonl"));
        var lines = (await System.IO.File.ReadAllLinesAsync(File("backup.jsonl"))).ToList();
        lines.Insert(3, "\r");                                          // a blank line is tolerated
        lines.Insert(4, lines[0].Replace("\"release\": {", "\"release\": { \"colour\": \"red\",", StringComparison.Ordinal));
        await System.IO.File.WriteAllLinesAsync(File("edited.jsonl"), lines);

        var refused = await AsAdminAsync(_postgreSql, "import", "jsonl", File("edited.jsonl"));

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("Could not import edited.jsonl: edited.jsonl, line 5: the line is not a release as `translations export jsonl` writes it (Unknown field: colour); nothing was imported.\n",
            refused.Errors);
        Assert.Equal(0, await _postgreSql.LastSequenceAsync());
    }

    [Fact]
    public async Task Releases_the_service_refuses_are_listed_with_their_line_and_the_rest_is_restored()
    {
        await BackupContent.FillAsync(_sqlite);
        await AsAdminAsync(_sqlite, "export", "jsonl", "--output", File("backup.jsonl"));
        var lines = await System.IO.File.ReadAllLinesAsync(File("backup.jsonl"));
        var broken = Google.Protobuf.JsonParser.Default.Parse<ReleaseBackup>(lines[1]);
        broken.Variants[0].Current.Title = "";
        lines[1] = Google.Protobuf.JsonFormatter.Default.Format(broken);
        await System.IO.File.WriteAllLinesAsync(File("edited.jsonl"), lines);

        var restored = await AsAdminAsync(_postgreSql, "import", "jsonl", File("edited.jsonl"));

        Assert.Equal(3, restored.ExitCode);
        Assert.Contains(broken.Release.Id, restored.Output);
        Assert.Contains("release.variants[0].current.title", restored.Output);
        Assert.EndsWith("Restored edited.jsonl: 3 created, 0 unchanged, 1 failed.\n", restored.Output);
        Assert.StartsWith("Could not import edited.jsonl: 1 release(s) were not restored", restored.Errors);
    }

    [Fact]
    public async Task Only_an_admin_may_export()
    {
        var refused = await new CliSession(_sqlite.Address).RunAsync(new("editor-1", "editor"), "export", "jsonl", "--output", File("x.jsonl"));

        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("operations", refused.Errors);
        Assert.Empty(Directory.GetFiles(_folder));   // neither the file nor a partial one
    }
}
