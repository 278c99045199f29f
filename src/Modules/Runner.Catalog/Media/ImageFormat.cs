using System.Buffers.Binary;

namespace Runner.Catalog.Media;

/// <summary>An image kind the store takes, recognised by its first bytes (never by a client's content type or file name).</summary>
internal sealed record ImageFormat(string ContentType, string Extension)
{
    public static readonly ImageFormat Jpeg = new("image/jpeg", "jpg");
    public static readonly ImageFormat Png = new("image/png", "png");
    public static readonly ImageFormat WebP = new("image/webp", "webp");
    public static readonly ImageFormat Gif = new("image/gif", "gif");
    public static readonly IReadOnlyList<ImageFormat> All = [Jpeg, Png, WebP, Gif];

    public static ImageFormat? OfExtension(string extension) => All.FirstOrDefault(f => f.Extension == extension);

    public static ImageFormat? OfContentType(string contentType) => All.FirstOrDefault(f => f.ContentType == contentType);

    /// <summary>The kind of <paramref name="bytes"/> by their magic number, with the size the header gives (null when it gives none).</summary>
    public static (ImageFormat Format, int? Width, int? Height)? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
            return bytes.Length >= 24 && bytes[12..16].SequenceEqual("IHDR"u8)
                ? (Png, Int(BinaryPrimitives.ReadUInt32BigEndian(bytes[16..])), Int(BinaryPrimitives.ReadUInt32BigEndian(bytes[20..])))
                : (Png, null, null);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            var (w, h) = JpegSize(bytes);
            return (Jpeg, w, h);
        }
        if (bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8))
            return bytes.Length >= 10
                ? (Gif, BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]), BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]))
                : (Gif, null, null);
        if (bytes.Length >= 16 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            var (w, h) = WebPSize(bytes);
            return (WebP, w, h);
        }
        return null;
    }

    private static int? Int(uint value) => value is > 0 and <= int.MaxValue ? (int)value : null;

    /// <summary>The size in the first start-of-frame segment (SOF0–SOF15 but DHT, JPG and DAC).</summary>
    private static (int?, int?) JpegSize(ReadOnlySpan<byte> b)
    {
        var i = 2;
        while (i + 9 < b.Length)
        {
            if (b[i] != 0xFF) return (null, null);
            var marker = b[i + 1];
            if (marker == 0xFF) { i++; continue; }
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7)) { i += 2; continue; }
            var length = BinaryPrimitives.ReadUInt16BigEndian(b[(i + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                return (BinaryPrimitives.ReadUInt16BigEndian(b[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(b[(i + 5)..]));
            if (marker == 0xDA || length < 2) return (null, null);
            i += 2 + length;
        }
        return (null, null);
    }

    /// <summary>The size in the first chunk: lossy (VP8), lossless (VP8L) or extended (VP8X, the canvas).</summary>
    private static (int?, int?) WebPSize(ReadOnlySpan<byte> b)
    {
        var chunk = b[12..16];
        if (chunk.SequenceEqual("VP8 "u8) && b.Length >= 30 && b[23] == 0x9D && b[24] == 0x01 && b[25] == 0x2A)
            return (BinaryPrimitives.ReadUInt16LittleEndian(b[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(b[28..]) & 0x3FFF);
        if (chunk.SequenceEqual("VP8L"u8) && b.Length >= 25 && b[20] == 0x2F)
            return (1 + (b[21] | (b[22] & 0x3F) << 8), 1 + (b[22] >> 6 | b[23] << 2 | (b[24] & 0x0F) << 10));
        if (chunk.SequenceEqual("VP8X"u8) && b.Length >= 30)
            return (1 + (b[24] | b[25] << 8 | b[26] << 16), 1 + (b[27] | b[28] << 8 | b[29] << 16));
        return (null, null);
    }
}

/// <summary>
/// The address of an uploaded image, <c>/media/{sha256-hex}.{ext}</c>: relative to the store's own address, and the
/// same for the same bytes.
/// </summary>
internal static class MediaAddress
{
    public const string Prefix = "/media/";

    public static string Of(string hash, ImageFormat format) => $"{Prefix}{hash}.{format.Extension}";

    /// <summary>Reads a file name (<c>{hash}.{ext}</c>): a 64-character lower-case hex hash and a known extension.</summary>
    public static bool TryParseName(string? name, out string hash, out ImageFormat format)
    {
        hash = "";
        format = null!;
        var dot = name?.IndexOf('.') ?? -1;
        if (name is null || dot != 64 || ImageFormat.OfExtension(name[(dot + 1)..]) is not { } f) return false;
        hash = name[..dot];
        format = f;
        return hash.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
    }

    /// <summary>Reads a product media URL that names an uploaded image (<c>/media/{hash}.{ext}</c>).</summary>
    public static bool TryParse(string? url, out string hash, out ImageFormat format)
    {
        hash = "";
        format = null!;
        return url is not null && url.StartsWith(Prefix, StringComparison.Ordinal) && TryParseName(url[Prefix.Length..], out hash, out format);
    }
}
