using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Ids;
using Runner.Kernel.Results;
using Runner.Kernel.Text;
using Runner.Kernel.Validation;
using Runner.Store.Contracts;

namespace Runner.Store.Channels;

public sealed record CreateChannelRequest(string Name, string? Handle = null, IReadOnlyList<string>? AllowedOrigins = null, string? RelyingPartyId = null);
public sealed record ChannelInput(string Name, string Handle, IReadOnlyList<string>? AllowedOrigins = null, string? RelyingPartyId = null);
/// <summary>
/// A channel. <c>allowedOrigins</c> are the web origins its storefront runs on (CORS and passkeys);
/// <c>relyingPartyId</c> is the passkey domain, by default the host of the first origin.
/// </summary>
public sealed record ChannelResponse(ChannelId Id, string Name, string Handle, bool IsDefault, IReadOnlyList<string> AllowedOrigins,
    string? RelyingPartyId, DateTimeOffset CreatedAt, DateTimeOffset? ArchivedAt);
public sealed record ChannelList(IReadOnlyList<ChannelResponse> Items, string? NextCursor);

internal static class ChannelEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/channels").WithTags("Sales channels");
        group.MapGet("", List).RequirePermission(Permissions.SettingsRead).WithName("ListChannels")
            .WithSummary("List sales channels (the default Online Store first)");
        group.MapPost("", Create).RequirePermission(Permissions.SettingsWrite).WithName("CreateChannel")
            .ProducesProblem(400).ProducesProblem(409).WithSummary("Create a sales channel");
        group.MapPatch("/{id:guid}", Patch).RequirePermission(Permissions.SettingsWrite).WithName("UpdateChannel")
            .Accepts<ChannelInput>(JsonMergePatch.MediaType, "application/json")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Rename a sales channel, or set the web origins of its storefront and its passkey domain");
        group.MapDelete("/{id:guid}", Archive).RequirePermission(Permissions.SettingsWrite).WithName("ArchiveChannel")
            .ProducesProblem(404).ProducesProblem(422).WithSummary("Archive a sales channel (the default one cannot be)");
    }

    internal static async Task<Ok<ChannelList>> List(RunnerDbContext db, bool? includeArchived, CancellationToken ct)
    {
        var query = db.Set<SalesChannel>().AsNoTracking();
        if (includeArchived != true) query = query.Where(c => c.ArchivedAt == null);
        var items = await query.OrderByDescending(c => c.IsDefault).ThenBy(c => c.Id).ToListAsync(ct);
        return TypedResults.Ok(new ChannelList([.. items.Select(ToResponse)], null));
    }

    internal static async Task<Results<Created<ChannelResponse>, ProblemHttpResult>> Create(
        CreateChannelRequest request, RunnerDbContext db, CancellationToken ct)
    {
        var handle = string.IsNullOrWhiteSpace(request.Handle) ? Handles.From(request.Name ?? "") : request.Handle;
        var input = new ChannelInput(request.Name!, handle, request.AllowedOrigins, request.RelyingPartyId);
        if (Validate(input) is { } invalid) return Problems.Of(invalid);
        if (await db.Set<SalesChannel>().AnyAsync(c => c.Handle == handle, ct)) return Problems.Of(HandleTaken(handle));
        var channel = new SalesChannel { Id = TypedId.New<ChannelId>(), Name = request.Name!.Trim(), Handle = handle };
        SetWeb(channel, input);
        db.Add(channel);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/admin/channels/{channel.Id}", ToResponse(channel));
    }

    internal static async Task<Results<Ok<ChannelResponse>, ProblemHttpResult>> Patch(
        Guid id, JsonElement patch, RunnerDbContext db, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        var channel = await db.Set<SalesChannel>().FirstOrDefaultAsync(c => c.Id == new ChannelId(id), ct);
        if (channel is null) return Problems.Of(NotFound());
        var input = JsonMergePatch.Merge(new ChannelInput(channel.Name, channel.Handle, channel.AllowedOrigins, channel.RelyingPartyId), patch,
            json.Value.SerializerOptions);
        if (Validate(input) is { } invalid) return Problems.Of(invalid);
        if (input.Handle != channel.Handle && await db.Set<SalesChannel>().AnyAsync(c => c.Handle == input.Handle, ct))
            return Problems.Of(HandleTaken(input.Handle));
        channel.Name = input.Name.Trim();
        channel.Handle = input.Handle;
        SetWeb(channel, input);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToResponse(channel));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Archive(Guid id, RunnerDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var channel = await db.Set<SalesChannel>().FirstOrDefaultAsync(c => c.Id == new ChannelId(id), ct);
        if (channel is null) return Problems.Of(NotFound());
        if (channel.IsDefault)
            return Problems.Of(Error.Unprocessable("store.default_channel", "The default channel cannot be archived."));
        channel.ArchivedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static Error? Validate(ChannelInput input)
    {
        var v = new Validator();
        v.Required("name", input.Name, 200);
        if (!Handles.IsValid(input.Handle))
            v.Add("handle", "validation.invalid_handle", "handle must be lower-case letters and digits joined by hyphens.");
        var origins = input.AllowedOrigins ?? [];
        if (origins.Count > WebOrigins.MaxOrigins)
            v.Add("allowedOrigins", "validation.too_many", $"A channel has at most {WebOrigins.MaxOrigins} origins.");
        for (var i = 0; i < origins.Count; i++)
            if (WebOrigins.Normalize(origins[i]) is null)
                v.Add($"allowedOrigins[{i}]", "store.invalid_origin",
                    "An origin is https://host[:port] with nothing after it (http only for localhost and loopback addresses).");
        if (!string.IsNullOrWhiteSpace(input.RelyingPartyId))
        {
            var rpId = input.RelyingPartyId.Trim().ToLowerInvariant();
            if (!WebOrigins.IsDomain(rpId))
                v.Add("relyingPartyId", "store.invalid_relying_party", "relyingPartyId is a domain name such as example.com.");
            else if (origins.Select(WebOrigins.Normalize).OfType<string>().FirstOrDefault(o => !WebOrigins.CoversOrigin(rpId, o)) is { } outside)
                v.Add("relyingPartyId", "store.relying_party_mismatch", $"The origin {outside} is not on {rpId} or one of its subdomains.");
        }
        return v.IsValid ? null : v.ToError();
    }

    private static void SetWeb(SalesChannel channel, ChannelInput input)
    {
        channel.AllowedOrigins = [.. (input.AllowedOrigins ?? []).Select(o => WebOrigins.Normalize(o)!).Distinct()];
        channel.RelyingPartyId = string.IsNullOrWhiteSpace(input.RelyingPartyId) ? null : input.RelyingPartyId.Trim().ToLowerInvariant();
    }

    private static Error NotFound() => Error.NotFound("store.channel_not_found", "No sales channel has this id.");
    private static Error HandleTaken(string handle) =>
        Error.Conflict("store.channel_handle_taken", $"Another channel already has the handle '{handle}'.");

    private static ChannelResponse ToResponse(SalesChannel c) =>
        new(c.Id, c.Name, c.Handle, c.IsDefault, c.AllowedOrigins, c.RelyingPartyId, c.CreatedAt, c.ArchivedAt);
}
