namespace Translations.Tokens;

/// <summary>What a token says: who (<c>sub</c>), its roles, the languages a translator may write, and when it is valid.</summary>
public sealed record TokenClaims(string Subject, IReadOnlyList<string> Roles, IReadOnlyList<string> Languages)
{
    public TokenClaims(string subject, params string[] roles)
        : this(subject, roles, [])
    {
    }
}
