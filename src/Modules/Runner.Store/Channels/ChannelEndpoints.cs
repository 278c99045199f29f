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

public sealed record CreateChannelRequest(string Name, string? Handle = null);
public sealed record ChannelInput(string Name, string Handle);
public sealed record ChannelResponse(ChannelId Id, string Name, string Handle, bool IsDefault, DateTimeOffset CreatedAt, DateTimeOffset? ArchivedAt);
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
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).WithSummary("Rename a sales channel");
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
        if (Validate(new ChannelInput(request.Name!, handle)) is { } invalid) return Problems.Of(invalid);
        if (await db.Set<SalesChannel>().AnyAsync(c => c.Handle == handle, ct)) return Problems.Of(HandleTaken(handle));
        var channel = new SalesChannel { Id = TypedId.New<ChannelId>(), Name = request.Name!.Trim(), Handle = handle };
        db.Add(channel);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/admin/channels/{channel.Id}", ToResponse(channel));
    }

    internal static async Task<Results<Ok<ChannelResponse>, ProblemHttpResult>> Patch(
        Guid id, JsonElement patch, RunnerDbContext db, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        var channel = await db.Set<SalesChannel>().FirstOrDefaultAsync(c => c.Id == new ChannelId(id), ct);
        if (channel is null) return Problems.Of(NotFound());
        var input = JsonMergePatch.Merge(new ChannelInput(channel.Name, channel.Handle), patch, json.Value.SerializerOptions);
        if (Validate(input) is { } invalid) return Problems.Of(invalid);
        if (input.Handle != channel.Handle && await db.Set<SalesChannel>().AnyAsync(c => c.Handle == input.Handle, ct))
            return Problems.Of(HandleTaken(input.Handle));
        channel.Name = input.Name.Trim();
        channel.Handle = input.Handle;
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
        return v.IsValid ? null : v.ToError();
    }

    private static Error NotFound() => Error.NotFound("store.channel_not_found", "No sales channel has this id.");
    private static Error HandleTaken(string handle) =>
        Error.Conflict("store.channel_handle_taken", $"Another channel already has the handle '{handle}'.");

    private static ChannelResponse ToResponse(SalesChannel c) => new(c.Id, c.Name, c.Handle, c.IsDefault, c.CreatedAt, c.ArchivedAt);
}
