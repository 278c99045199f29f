using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Runner.Tests.Identity;

/// <summary>
/// An authenticator in software, as a browser and a security key would answer WebAuthn between them: one ECDSA P-256
/// key per credential (ES256), attestation "none", and the JSON of <c>PublicKeyCredential.toJSON()</c>. It signs for
/// whatever origin and relying-party id it is told, so tests can also play a phishing page.
/// </summary>
internal sealed class SoftwareAuthenticator
{
    private const byte UserPresent = 0x01, UserVerified = 0x04, AttestedData = 0x40;

    /// <summary>One credential the authenticator holds.</summary>
    public sealed class Credential(byte[] id, ECDsa key, byte[] userHandle, string rpId)
    {
        public byte[] Id { get; } = id;
        public ECDsa Key { get; set; } = key;
        public byte[] UserHandle { get; } = userHandle;
        public string RpId { get; } = rpId;
        public uint SignCount { get; set; }
    }

    public List<Credential> Credentials { get; } = [];

    /// <summary>Answers creation options (<c>publicKey</c> of the options endpoint): the credential's JSON, and the credential kept.</summary>
    public (object Json, Credential Credential) Create(JsonElement options, string origin, string? rpId = null, bool verified = true)
    {
        rpId ??= options.GetProperty("rp").GetProperty("id").GetString()!;
        var userHandle = System.Buffers.Text.Base64Url.DecodeFromChars(options.GetProperty("user").GetProperty("id").GetString());
        var credential = new Credential(RandomNumberGenerator.GetBytes(32), ECDsa.Create(ECCurve.NamedCurves.nistP256), userHandle, rpId);
        var clientData = ClientData("webauthn.create", options.GetProperty("challenge").GetString()!, origin);
        var authData = AuthData(rpId, (byte)(UserPresent | AttestedData | (verified ? UserVerified : 0)), credential.SignCount,
            [.. new byte[16], .. BigEndian16(credential.Id.Length), .. credential.Id, .. CoseKey(credential.Key)]);
        var cbor = new CborWriter();
        cbor.WriteStartMap(3);
        cbor.WriteTextString("fmt");
        cbor.WriteTextString("none");
        cbor.WriteTextString("attStmt");
        cbor.WriteStartMap(0);
        cbor.WriteEndMap();
        cbor.WriteTextString("authData");
        cbor.WriteByteString(authData);
        cbor.WriteEndMap();
        Credentials.Add(credential);
        var json = new
        {
            id = B64(credential.Id), rawId = B64(credential.Id), type = "public-key", clientExtensionResults = new { },
            response = new { clientDataJSON = B64(clientData), attestationObject = B64(cbor.Encode()), transports = new[] { "internal" } },
        };
        return (json, credential);
    }

    /// <summary>Answers request options with <paramref name="credential"/>: the assertion's JSON (the counter moves by one unless told).</summary>
    public object Get(JsonElement options, Credential credential, string origin, string? rpId = null, bool verified = true, uint? signCount = null,
        ECDsa? signWith = null)
    {
        credential.SignCount = signCount ?? credential.SignCount + 1;
        var clientData = ClientData("webauthn.get", options.GetProperty("challenge").GetString()!, origin);
        var authData = AuthData(rpId ?? credential.RpId, (byte)(UserPresent | (verified ? UserVerified : 0)), credential.SignCount, []);
        var signature = (signWith ?? credential.Key).SignData([.. authData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256,
            DSASignatureFormat.Rfc3279DerSequence);
        return new
        {
            id = B64(credential.Id), rawId = B64(credential.Id), type = "public-key", clientExtensionResults = new { },
            response = new
            {
                clientDataJSON = B64(clientData), authenticatorData = B64(authData), signature = B64(signature), userHandle = B64(credential.UserHandle),
            },
        };
    }

    private static byte[] ClientData(string type, string challenge, string origin) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { type, challenge, origin, crossOrigin = false }));

    /// <summary>SHA-256(rpId) | flags | signCount (big-endian) | attested credential data.</summary>
    private static byte[] AuthData(string rpId, byte flags, uint signCount, byte[] attested)
    {
        var count = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(count, signCount);
        return [.. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), flags, .. count, .. attested];
    }

    /// <summary>The public key as a COSE_Key: EC2 (1: 2), ES256 (3: -7), P-256 (-1: 1), x (-2), y (-3).</summary>
    private static byte[] CoseKey(ECDsa key)
    {
        var point = key.ExportParameters(false).Q;
        var cbor = new CborWriter(CborConformanceMode.Ctap2Canonical);
        cbor.WriteStartMap(5);
        cbor.WriteInt32(1);
        cbor.WriteInt32(2);
        cbor.WriteInt32(3);
        cbor.WriteInt32(-7);
        cbor.WriteInt32(-1);
        cbor.WriteInt32(1);
        cbor.WriteInt32(-2);
        cbor.WriteByteString(point.X!);
        cbor.WriteInt32(-3);
        cbor.WriteByteString(point.Y!);
        cbor.WriteEndMap();
        return cbor.Encode();
    }

    private static byte[] BigEndian16(int value) => [(byte)(value >> 8), (byte)value];

    private static string B64(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
