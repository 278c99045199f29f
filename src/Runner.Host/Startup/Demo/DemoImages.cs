using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Runner.Catalog.Contracts;

namespace Runner.Host.Startup.Demo;

/// <summary>
/// The demo products' pictures: made here (no photo ships with Runner, and a demo must not depend on a site on the
/// internet) as PNG tiles in two colours drawn from the product's handle, a gradient and a striped detail, and stored
/// like any upload, so the storefront shows them from <c>/media/</c>.
/// </summary>
internal static class DemoImages
{
    private const int Size = 320;

    /// <summary>Stores the product's two pictures and returns their addresses.</summary>
    public static async Task<(string Main, string Detail)> StoreAsync(IMediaStore store, string handle, CancellationToken ct) =>
        (await SaveAsync(store, Draw(handle, striped: false), ct), await SaveAsync(store, Draw(handle, striped: true), ct));

    private static async Task<string> SaveAsync(IMediaStore store, byte[] png, CancellationToken ct)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(png));
        await store.SaveAsync(new StoredMedia(hash, "image/png", png, Size, Size), ct);
        return $"/media/{hash}.png";
    }

    private static byte[] Draw(string handle, bool striped)
    {
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes(handle));
        var (from, to) = (Pastel(seed[0], seed[1]), Pastel(seed[2], seed[3]));
        return Png.Encode(Size, Size, (x, y) =>
        {
            var t = striped ? (y / 40 % 2 == 0 ? 0.15 : 0.85) : (x + y) / (2.0 * (Size - 1));
            byte Mix(int c) => (byte)Math.Round(from[c] + (to[c] - from[c]) * t);
            return (Mix(0), Mix(1), Mix(2));
        });
    }

    /// <summary>A soft colour: each channel between 150 and 240.</summary>
    private static byte[] Pastel(byte a, byte b) => [(byte)(150 + a % 91), (byte)(150 + b % 91), (byte)(150 + (a ^ b) % 91)];
}

/// <summary>A truecolour PNG writer (8 bits per channel, no interlacing), enough for the images Runner makes itself.</summary>
internal static class Png
{
    public static byte[] Encode(int width, int height, Func<int, int, (byte R, byte G, byte B)> pixel)
    {
        var stride = 1 + width * 3;
        var raw = new byte[height * stride];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var at = y * stride + 1 + x * 3; // each row starts with filter type 0
                (raw[at], raw[at + 1], raw[at + 2]) = pixel(x, y);
            }
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true)) zlib.Write(raw);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per sample
        header[9] = 2; // truecolour
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
        png.Write(word);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
