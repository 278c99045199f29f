using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Runner.Identity.Security;
using Runner.Identity.Sessions;
using Runner.Kernel.Email;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;
using Runner.Kernel.Outbox;
using Runner.Store.Contracts;

namespace Runner.Identity.Accounts;

/// <summary>The events of customer accounts that leave through the outbox.</summary>
public static class AccountEvents
{
    /// <summary>A new account: its owner gets the verification link.</summary>
    public const string Registered = "identity.customer_registered";
    /// <summary>Someone registered with an email that has an account: its owner is told, nobody else.</summary>
    public const string RegistrationRepeated = "identity.customer_registration_repeated";
}

public sealed record CustomerRegisteredEvent(Guid CustomerId, string Email, string EmailKey);

public sealed record RegistrationRepeatedEvent(Guid CustomerId, string Email);

/// <summary>The welcome email with the link that verifies the address (on <see cref="AccountEvents.Registered"/>).</summary>
internal sealed class VerificationEmail(EmailVerification links, IStoreQueries store, IEmailSender email) : IOutboxSideEffectHandler
{
    public async Task HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken)
    {
        var registered = message.Read<CustomerRegisteredEvent>();
        var settings = await store.GetSettingsAsync(cancellationToken);
        var text = new StringBuilder()
            .AppendLine($"Welcome to {settings.Name}.").AppendLine()
            .AppendLine("Your account is ready and you can sign in now. Please confirm that this email address is yours:")
            .AppendLine(await links.UrlAsync(registered.CustomerId, registered.EmailKey, cancellationToken)).AppendLine()
            .AppendLine($"The link works for {(int)EmailVerification.Lifetime.TotalDays} days. Once the address is confirmed, the orders")
            .AppendLine("you placed with it as a guest appear in your account.").AppendLine()
            .AppendLine("If you did not create this account, ignore this email.");
        await email.SendAsync(new EmailMessage(registered.Email, $"Confirm your email for {settings.Name}", text.ToString()), cancellationToken);
    }
}

/// <summary>Tells an account's owner that someone tried to register their email again (on <see cref="AccountEvents.RegistrationRepeated"/>).</summary>
internal sealed class RegistrationRepeatedEmail(IStoreQueries store, IEmailSender email) : IOutboxSideEffectHandler
{
    public async Task HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken)
    {
        var repeated = message.Read<RegistrationRepeatedEvent>();
        var settings = await store.GetSettingsAsync(cancellationToken);
        var text = new StringBuilder()
            .AppendLine($"Someone tried to create an account at {settings.Name} with this email address, which already has one.").AppendLine()
            .AppendLine("If it was you: sign in with your password (or reset it if you forgot it).")
            .AppendLine("If it was not you: nothing changed, and you need not do anything.");
        await email.SendAsync(new EmailMessage(repeated.Email, $"Your account at {settings.Name}", text.ToString()), cancellationToken);
    }
}

/// <summary>Emails sent while a request waits (codes, links): sent now, or a 503 the client may retry.</summary>
internal static class DirectEmail
{
    public static readonly Error Unavailable = new("auth.email_unavailable",
        "The email could not be sent right now; try again in a minute.", ErrorKind.Unavailable);

    /// <summary>
    /// The address a request asks to email (a sign-in code, a reset link) when it is one, counted per IP address in
    /// <paramref name="ipScope"/> (within the sign-in limit) and per address in <paramref name="emailScope"/> (at most
    /// <paramref name="perEmail"/> a window): the address as given and its key, or the problem to answer.
    /// </summary>
    public static async Task<(string To, string Key, ProblemHttpResult? Refused)> AcceptAsync(HttpContext http, string? email, Attempts attempts,
        IdentityLimits limits, string ipScope, string emailScope, int perEmail, CancellationToken ct)
    {
        var v = new Validator();
        if (v.Required("email", email, 254)) v.Email("email", email);
        if (!v.IsValid) return ("", "", Problems.Of(v.ToError()));
        var to = email!.Trim();
        var key = to.ToLowerInvariant();
        if (await attempts.CountAndCheckAsync(ipScope, SignInEndpoints.IpOf(http), limits.SignInsPerIp, ct) is { } busy)
            return (to, key, SignInEndpoints.TooMany(http, busy));
        if (await attempts.CountAndCheckAsync(emailScope, key, perEmail, ct) is { } many) return (to, key, SignInEndpoints.TooMany(http, many));
        return (to, key, null);
    }

    /// <summary>
    /// Sends <paramref name="messages"/> in order; null when all left, else <see cref="Unavailable"/>, logged as
    /// <paramref name="what"/> could not be sent (never naming the address: the log must not tell who asked).
    /// </summary>
    public static async Task<Error?> SendAsync(IEmailSender email, ILogger logger, string what,
        CancellationToken ct, params EmailMessage[] messages)
    {
        try
        {
            foreach (var message in messages) await email.SendAsync(message, ct);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "{What} could not be sent.", what);
            return Unavailable;
        }
    }
}
