using System.Text.RegularExpressions;
using Runner.Kernel.Results;

namespace Runner.Kernel.Validation;

/// <summary>
/// Collects field errors for one request so that the client learns every problem at once, then turns them into a
/// single validation <see cref="Error"/> with code <c>validation.failed</c> (or the only field's own code).
/// </summary>
public sealed partial class Validator
{
    private readonly Dictionary<string, List<string>> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _codes = [];

    public bool IsValid => _fields.Count == 0;

    public Validator Add(string field, string code, string message)
    {
        if (!_fields.TryGetValue(field, out var list)) _fields[field] = list = [];
        list.Add(message);
        _codes.Add(code);
        return this;
    }

    public bool Required(string field, string? value, int maxLength = 255)
    {
        if (string.IsNullOrWhiteSpace(value)) { Add(field, "validation.required", $"{field} is required."); return false; }
        return MaxLength(field, value, maxLength);
    }

    public bool MaxLength(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            Add(field, "validation.too_long", $"{field} must be at most {maxLength} characters.");
            return false;
        }
        return true;
    }

    public bool Range(string field, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            Add(field, "validation.out_of_range", $"{field} must be between {min} and {max}.");
            return false;
        }
        return true;
    }

    public bool Positive(string field, long value, long max = int.MaxValue)
    {
        if (value <= 0 || value > max)
        {
            Add(field, "validation.out_of_range", $"{field} must be a whole number from 1 to {max}.");
            return false;
        }
        return true;
    }

    public bool Amount(string field, Money? money, bool allowZero = true)
    {
        if (money is not { } m) return true;
        if (!Currency.IsKnown(m.Currency))
        {
            Add($"{field}.currency", "money.unknown_currency", $"'{m.Currency}' is not an ISO 4217 currency code.");
            return false;
        }
        if (m.Minor < (allowZero ? 0 : 1) || m.Minor > Money.MaxAmount)
        {
            Add($"{field}.amount", "money.out_of_range",
                $"{field}.amount must be an integer number of minor units from {(allowZero ? 0 : 1)} to {Money.MaxAmount}.");
            return false;
        }
        return true;
    }

    public bool Email(string field, string? value)
    {
        if (value is null) return true;
        if (value.Length > 254 || !EmailPattern().IsMatch(value))
        {
            Add(field, "validation.invalid_email", $"{field} must be an email address.");
            return false;
        }
        return true;
    }

    public Error ToError()
    {
        var fields = _fields.ToDictionary(f => f.Key, f => f.Value.ToArray());
        var distinct = _codes.Distinct().ToList();
        var code = distinct.Count == 1 ? distinct[0] : "validation.failed";
        var message = _fields.Count == 1 ? _fields.First().Value[0] : "The request has invalid fields; see errors.";
        return Error.Validation(code, message, fields);
    }

    /// <summary>
    /// The UUIDs of a comma-separated query parameter (<c>ids=a,b</c>), each once, in the order given; none when it is
    /// absent. The first part that is not a UUID is refused (<c>request.invalid_parameter</c>, as a malformed typed
    /// parameter is), naming it as <paramref name="what"/>.
    /// </summary>
    public List<Guid> Ids(string field, string? list, string what)
    {
        var result = new List<Guid>();
        var parts = list?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        foreach (var part in parts)
        {
            if (!Guid.TryParse(part, out var id))
            {
                var shown = part.Length > 40 ? part[..40] + "…" : part;
                Add(field, "request.invalid_parameter", $"{field} holds '{shown}', which is not {what} (a UUID).");
                break;
            }
            result.Add(id);
        }
        return [.. result.Distinct()];
    }

    /// <summary>Throws a <see cref="DomainException"/> when any field failed.</summary>
    public void ThrowIfInvalid()
    {
        if (!IsValid) throw new DomainException(ToError());
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
