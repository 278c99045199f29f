using System.Buffers;
using Microsoft.AspNetCore.Http;
using Runner.Catalog.Contracts;

namespace Runner.Catalog.Storefront;

/// <summary>Writes storefront products straight from their pre-serialised JSON (see <see cref="ProductJson"/>).</summary>
internal sealed class StoreJsonResult : IResult
{
    private readonly IReadOnlyList<ProductJson> _products;
    private readonly IReadOnlyDictionary<VariantId, long> _available;
    private readonly bool _page;
    private readonly string? _nextCursor;

    private StoreJsonResult(IReadOnlyList<ProductJson> products, IReadOnlyDictionary<VariantId, long> available, bool page, string? nextCursor)
    {
        _products = products;
        _available = available;
        _page = page;
        _nextCursor = nextCursor;
    }

    /// <summary><c>{ "items": [...], "nextCursor": ... }</c>.</summary>
    public static StoreJsonResult Page(IReadOnlyList<ProductJson> products, IReadOnlyDictionary<VariantId, long> available, string? nextCursor) =>
        new(products, available, page: true, nextCursor);

    public static StoreJsonResult Single(ProductJson product, IReadOnlyDictionary<VariantId, long> available) =>
        new([product], available, page: false, null);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        var output = response.BodyWriter;
        if (!_page)
        {
            _products[0].Write(output, _available);
        }
        else
        {
            output.Write("{\"items\":["u8);
            for (var i = 0; i < _products.Count; i++)
            {
                if (i > 0) output.Write(","u8);
                _products[i].Write(output, _available);
            }
            output.Write("],\"nextCursor\":"u8);
            if (_nextCursor is null) output.Write("null}"u8);
            else
            {
                // Cursors are base64url: no character needs escaping.
                output.Write("\""u8);
                output.Write(System.Text.Encoding.ASCII.GetBytes(_nextCursor));
                output.Write("\"}"u8);
            }
        }
        await output.FlushAsync(httpContext.RequestAborted);
    }
}
