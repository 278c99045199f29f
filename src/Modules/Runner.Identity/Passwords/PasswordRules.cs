using System.Reflection;
using Runner.Kernel.Validation;

namespace Runner.Identity.Passwords;

/// <summary>
/// What a password must be: at least <see cref="MinLength"/> characters (at most <see cref="MaxLength"/>), not one of the
/// common passwords bundled with Runner (compared lower-cased, so <c>Password1234</c> is as refused as
/// <c>password1234</c>), and not the account's email. No rules about digits or symbols: length and a breach list do
/// more for security than composition rules, which push people to predictable patterns.
/// </summary>
internal static class PasswordRules
{
    public const int MinLength = 10;
    public const int MaxLength = 200;

    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public static void Check(Validator v, string field, string? password, string? email)
    {
        if (string.IsNullOrEmpty(password))
        {
            v.Add(field, "validation.required", "A password is required.");
            return;
        }
        if (password.Length < MinLength)
            v.Add(field, "auth.password_too_short", $"The password must have at least {MinLength} characters.");
        else if (password.Length > MaxLength)
            v.Add(field, "auth.password_too_long", $"The password may have at most {MaxLength} characters.");
        else if (IsCommon(password))
            v.Add(field, "auth.password_common", "This password is one of the most common ones and easy to guess: choose another.");
        else if (email is not null && string.Equals(password.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase))
            v.Add(field, "auth.password_is_email", "The password may not be the email address.");
    }

    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim().ToLowerInvariant());

    /// <summary>How many passwords the bundled list holds (tests).</summary>
    internal static int CommonCount => Common.Value.Count;

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Runner.Identity.Passwords.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && line[0] != '#') set.Add(line);
        return set;
    }
}
