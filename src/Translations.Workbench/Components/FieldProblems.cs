using Translations.Client;

namespace Translations.Workbench.Components;

/// <summary>
/// What is wrong with a form, field by field: the page's own checks and the service's field violations
/// (<c>google.rpc.BadRequest</c>, named as in the proto, e.g. <c>release.variants[0].title</c>), each
/// placed by the form field that shows it. Violations of fields the form does not show are kept in
/// <see cref="Others"/>, named as the service names them, to be shown above the form.
/// </summary>
public sealed class FieldProblems
{
    private readonly Dictionary<string, string> _byField = new(StringComparer.Ordinal);
    private readonly List<string> _others = [];

    /// <summary>What is wrong with one form field; null when nothing is.</summary>
    public string? this[string field] => _byField.GetValueOrDefault(field);

    public IReadOnlyList<string> Others => _others;

    public bool Any => _byField.Count > 0 || _others.Count > 0;

    public void Add(string field, string problem) =>
        _byField[field] = _byField.TryGetValue(field, out var earlier) ? $"{earlier} {problem}" : problem;

    public void Clear()
    {
        _byField.Clear();
        _others.Clear();
    }

    /// <summary>
    /// Places the service's field violations by <paramref name="fields"/>: a violation goes to the first form
    /// field whose proto path is the violation's or contains it (<c>release.tags</c> takes <c>release.tags[3]</c>).
    /// Returns whether the failure named any field.
    /// </summary>
    public bool AddFrom(TranslationsException failure, IReadOnlyList<(string Path, string Field)> fields)
    {
        foreach (var violation in failure.FieldViolations)
        {
            var placed = fields.FirstOrDefault(field => Contains(field.Path, violation.Field)).Field;
            if (placed is not null)
            {
                Add(placed, violation.Description);
            }
            else
            {
                _others.Add($"{violation.Field}: {violation.Description}");
            }
        }
        return failure.FieldViolations.Count > 0;
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
