namespace Translations.Validation;

/// <summary>One bad field of a request, named by its path in the request message.</summary>
public sealed record FieldViolation(string Field, string Description);

/// <summary>A request the client must correct: every bad field is named, none is written.</summary>
public sealed class InvalidInputException(IReadOnlyList<FieldViolation> violations)
    : Exception("The request is invalid: " + string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")))
{
    public InvalidInputException(FieldViolation violation) : this([violation]) { }

    public IReadOnlyList<FieldViolation> Violations { get; } = violations;
}

/// <summary>Collects the violations of one request, so the client hears of all of them at once.</summary>
public sealed class Violations
{
    private readonly List<FieldViolation> _items = [];

    public void Add(string field, string description) => _items.Add(new FieldViolation(field, description));

    public bool Any => _items.Count > 0;

    public void ThrowIfAny()
    {
        if (_items.Count > 0)
        {
            throw new InvalidInputException(_items.ToArray());
        }
    }
}
