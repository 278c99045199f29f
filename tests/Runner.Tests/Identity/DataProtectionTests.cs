using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Identity.DataProtection;
using Runner.Tests.Storefront;

namespace Runner.Tests.Identity;

/// <summary>Two host processes over one database read each other's protected payloads: the key ring is in the database.</summary>
public class DataProtectionTests(TwoHosts hosts) : IClassFixture<TwoHosts>
{
    [Fact]
    public async Task APayloadOneHostProtects_TheOtherUnprotects_AndTheKeyIsInTheDatabase()
    {
        var first = hosts.First.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("runner.test");
        var second = hosts.Second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("runner.test");
        var payload = first.Protect("a session cookie");
        Assert.Equal("a session cookie", second.Unprotect(payload));
        var keys = await hosts.First.WithDbAsync(db => db.Set<DataProtectionKeyRow>().ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.StartsWith("<key ", k.Xml));
        // Another purpose cannot read it.
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() =>
            hosts.Second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("other").Unprotect(payload));
    }
}
