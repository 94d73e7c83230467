using System.Xml.Linq;

namespace Translations.Deployment.Tests;

/// <summary>Files of the repository these tests were built from.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    public const string ApiProject = "src/Translations.Api/Translations.Api.csproj";

    public const string WorkbenchProject = "src/Translations.Workbench/Translations.Workbench.csproj";

    /// <summary>The project and every project it references, transitively (paths relative to the root).</summary>
    public static SortedSet<string> ProjectClosure(string project)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!found.Add(current))
            {
                continue;
            }

            var folder = Path.GetDirectoryName(PathOf(current))!;
            foreach (var reference in XDocument.Load(PathOf(current)).Descendants("ProjectReference"))
            {
                var path = Path.GetFullPath(Path.Combine(folder, (string)reference.Attribute("Include")!));
                pending.Push(Path.GetRelativePath(Root, path).Replace('\\', '/'));
            }
        }

        return found;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Translations.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Translations.sln above {AppContext.BaseDirectory}.");
    }
}
