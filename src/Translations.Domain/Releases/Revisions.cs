namespace Translations.Releases;

public static class Revisions
{
    /// <summary>Optimistic concurrency: a write goes through only against the revision its author read.</summary>
    public static void Ensure(string what, long expected, long current)
    {
        if (expected != current)
        {
            throw new RevisionMismatchException(what, expected, current);
        }
    }
}
