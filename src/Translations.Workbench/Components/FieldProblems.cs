using Translations.Client;

namespace Translations.Workbench.Components;

/// <summary>
/// What is wrong with a form, field by field: the page's own checks and the service's field violations
/// (<c>google.rpc.BadRequest</c>, named as in the proto, e.g. <c>release.variants[0].title</c>), each
/// placed by the form field that shows it. When a violation concerns a field the form does not show, the
/// page shows the service's message (which names every violation) as an alert instead.
/// </summary>
public sealed class FieldProblems
{
    private readonly Dictionary<string, string> _byField = new(StringComparer.Ordinal);

    /// <summary>What is wrong with one form field; null when nothing is.</summary>
    public string? this[string field] => _byField.GetValueOrDefault(field);

    public bool Any => _byField.Count > 0;

    public void Add(string field, string problem) =>
        _byField[field] = _byField.TryGetValue(field, out var earlier) ? $"{earlier} {problem}" : problem;

    public void Clear() => _byField.Clear();

    /// <summary>
    /// Places the service's field violations by <paramref name="fields"/>: a violation goes to the first form
    /// field whose proto path is the violation's or contains it (<c>release.tags</c> takes <c>release.tags[3]</c>).
    /// Returns whether every violation found its field, so that the form shows them all and needs no alert.
    /// </summary>
    public bool AddFrom(TranslationsException failure, IReadOnlyList<(string Path, string Field)> fields)
    {
        var placed = 0;
        foreach (var violation in failure.FieldViolations)
        {
            if (fields.FirstOrDefault(field => Contains(field.Path, violation.Field)) is { Field: { } field } match)
            {
                // A part of the field (release.tags[3]) is named, since the control holds them all.
                Add(field, match.Path == violation.Field ? violation.Description : $"{violation.Field}: {violation.Description}");
                placed++;
            }
        }
        return placed > 0 && placed == failure.FieldViolations.Count;
    }

    /// <summary>
    /// The attributes that tie a control to its hint (<paramref name="hintId"/>, if any) and to its problem
    /// (<paramref name="problemId"/>, when there is one): aria-describedby, and aria-invalid.
    /// </summary>
    public IReadOnlyDictionary<string, object> AriaFor(string field, string problemId, string? hintId = null)
    {
        var attributes = new Dictionary<string, object>();
        var problem = this[field] is not null;
        string[] described = [.. new[] { hintId, problem ? problemId : null }.OfType<string>()];
        if (described.Length > 0)
        {
            attributes["aria-describedby"] = string.Join(' ', described);
        }
        if (problem)
        {
            attributes["aria-invalid"] = "true";
        }
        return attributes;
    }

    private static bool Contains(string path, string violated) =>
        violated.StartsWith(path, StringComparison.Ordinal)
        && (violated.Length == path.Length || violated[path.Length] is '[' or '.');
}
