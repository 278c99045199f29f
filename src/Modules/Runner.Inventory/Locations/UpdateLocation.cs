using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Inventory.Contracts;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Store.Contracts;

namespace Runner.Inventory.Locations;

/// <summary><c>PATCH /admin/locations/{id}</c>: a JSON merge patch over the fields a create takes.</summary>
internal static class UpdateLocation
{
    public static void Map(IEndpointRouteBuilder locations) =>
        locations.MapPatch("/{id:guid}", Endpoint).RequirePermission(Permissions.InventoryWrite).WithName("UpdateLocation")
            .Accepts<CreateLocationRequest>(JsonMergePatch.MediaType, "application/json")
            .WithSummary("Change a location (JSON merge patch, RFC 7396); channels replaces the list, null restores the default channel")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<LocationResponse>, ProblemHttpResult>> Endpoint(
        Guid id, JsonElement patch, RunnerDbContext db, IStoreQueries store,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        var location = await db.Set<Location>().Include(l => l.Channels).FirstOrDefaultAsync(l => l.Id == new LocationId(id), ct);
        if (location is null) return Problems.Of(InventoryErrors.LocationNotFound());
        var current = new CreateLocationRequest(location.Name, location.Kind, location.Priority, location.Address,
            [.. location.Channels.Select(c => c.ChannelId)]);
        var input = JsonMergePatch.Merge(current, patch, json.Value.SerializerOptions);
        var channels = await LocationRules.ValidateAsync(input, store, ct);
        if (!channels.IsSuccess) return Problems.Of(channels.Error);
        LocationRules.Apply(location, input, channels.Value);
        db.Entry(location).Property(l => l.UpdatedAt).IsModified = true; // a change of channels alone is a change of the location
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await LocationQueries.ReadAsync(db, location.Id, ct));
    }
}
