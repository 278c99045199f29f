using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Runner.Inventory.Contracts;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Ids;
using Runner.Kernel.Results;
using Runner.Store.Contracts;

namespace Runner.Inventory.Locations;

/// <summary><c>POST /admin/locations</c>: a warehouse, shop or dropshipper that holds stock.</summary>
internal sealed class CreateLocation(RunnerDbContext db, IStoreQueries store)
{
    public static void Map(IEndpointRouteBuilder locations) =>
        locations.MapPost("", Endpoint).RequirePermission(Permissions.InventoryWrite).WithName("CreateLocation")
            .WithSummary("Create a location (warehouse, retail, dropship) with its priority and the channels it fulfils")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    internal static async Task<Results<Created<LocationResponse>, ProblemHttpResult>> Endpoint(
        CreateLocationRequest request, CreateLocation handler, CancellationToken ct)
    {
        var result = await handler.RunAsync(request, ct);
        return result.IsSuccess ? TypedResults.Created($"/admin/locations/{result.Value.Id}", result.Value) : Problems.Of(result.Error);
    }

    public async Task<Result<LocationResponse>> RunAsync(CreateLocationRequest request, CancellationToken ct)
    {
        var channels = await LocationRules.ValidateAsync(request, store, ct);
        if (!channels.IsSuccess) return channels.Error;
        var location = new Location { Id = TypedId.New<LocationId>(), Name = "" };
        LocationRules.Apply(location, request, channels.Value);
        db.Add(location);
        await db.SaveChangesAsync(ct);
        return await LocationQueries.ReadAsync(db, location.Id, ct);
    }
}
