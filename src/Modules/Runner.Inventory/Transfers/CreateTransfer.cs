using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Runner.Inventory.Contracts;
using Runner.Inventory.Stock;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Ids;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;

namespace Runner.Inventory.Transfers;

/// <summary><c>POST /admin/inventory/transfers</c>: requests a move of units between two locations; no stock moves yet.</summary>
internal sealed class CreateTransfer(RunnerDbContext db, InventoryLookups lookups)
{
    public const int MaxLines = 500;
    public const long MaxQuantity = 1_000_000;

    public static void Map(IEndpointRouteBuilder inventory) =>
        inventory.MapPost("/transfers", Endpoint).RequirePermission(Permissions.InventoryWrite).WithName("CreateTransfer")
            .WithSummary("Request a transfer of units from one location to another (status requested)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    internal static async Task<Results<Created<TransferResponse>, ProblemHttpResult>> Endpoint(
        CreateTransferRequest request, CreateTransfer handler, CancellationToken ct)
    {
        var result = await handler.RunAsync(request, ct);
        return result.IsSuccess ? TypedResults.Created($"/admin/inventory/transfers/{result.Value.Id}", result.Value) : Problems.Of(result.Error);
    }

    public async Task<Result<TransferResponse>> RunAsync(CreateTransferRequest r, CancellationToken ct)
    {
        var v = new Validator();
        var from = await lookups.LocationAsync(v, "fromLocationId", r.FromLocationId, ct);
        var to = await lookups.LocationAsync(v, "toLocationId", r.ToLocationId, ct);
        if (r.FromLocationId == r.ToLocationId)
            v.Add("toLocationId", "inventory.same_location", "A transfer goes to another location than the one it comes from.");
        if (r.Lines.Count == 0) v.Add("lines", "validation.required", "Give at least one line.");
        if (r.Lines.Count > MaxLines) v.Add("lines", "validation.too_many", $"A transfer has at most {MaxLines} lines.");
        var seen = new HashSet<Catalog.Contracts.VariantId>();
        for (var i = 0; i < r.Lines.Count; i++)
        {
            if (r.Lines[i] is null)
            {
                v.Add($"lines[{i}]", "request.null_field", $"'lines[{i}]' cannot be null.");
                continue;
            }
            v.Range($"lines[{i}].quantity", r.Lines[i].Quantity, 1, MaxQuantity);
            if (!seen.Add(r.Lines[i].VariantId))
                v.Add($"lines[{i}].variantId", "inventory.duplicate_variant", "This variant is already on another line.");
        }
        v.MaxLength("note", r.Note, 500);
        if (r.Lines.Count is > 0 and <= MaxLines && r.Lines.All(l => l is not null))
            await lookups.VariantsAsync(v, [.. r.Lines.Select((l, i) => ($"lines[{i}].variantId", l.VariantId))], ct);
        if (!v.IsValid) return v.ToError();
        if (from!.ArchivedAt is not null) return InventoryErrors.LocationArchived("fromLocationId");
        if (to!.ArchivedAt is not null) return InventoryErrors.LocationArchived("toLocationId");

        var transfer = new Transfer
        {
            Id = TypedId.New<TransferId>(),
            FromLocationId = r.FromLocationId,
            ToLocationId = r.ToLocationId,
            Status = TransferStatus.Requested,
            Note = string.IsNullOrWhiteSpace(r.Note) ? null : r.Note.Trim(),
        };
        transfer.Lines.AddRange(r.Lines.Select(l => new TransferLine { TransferId = transfer.Id, VariantId = l.VariantId, Quantity = l.Quantity }));
        db.Add(transfer);
        await db.SaveChangesAsync(ct);
        return (await TransferSteps.LoadAsync(db, transfer.Id, ct))!.ToResponse();
    }
}
