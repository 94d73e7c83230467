using System.Security.Cryptography;
using Grpc.Core;
using Grpc.Net.Client;
using Translations.Tokens;

namespace Translations.Benchmarks;

/// <summary>
/// The server runs as in production, checking bearer tokens against a shared key made for this run;
/// every load calls as a reader (health included, so the floor carries the same token to validate).
/// </summary>
internal static class BenchmarkAccess
{
    private static readonly SigningSettings Signing = new(Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)), "translations-benchmark", "translations");

    public static string ReaderToken { get; } = Signing.Mint(new TokenClaims("benchmark-reader", "reader"), TimeSpan.FromHours(4));

    public static string AuthorizationHeader => $"authorization: Bearer {ReaderToken}";

    /// <summary>Writers are editors (they create releases and write any language), each its own caller.</summary>
    public static string WriterToken(int writer) => Signing.Mint(new TokenClaims($"benchmark-writer-{writer:D2}", "editor"), TimeSpan.FromHours(4));

    /// <summary>Watchers follow the draft view, which translators and editors may read.</summary>
    /// <summary>An editor who imports: a caller of its own, so the default write rate limit applies to it alone.</summary>
    public static string ImporterToken { get; } = Signing.Mint(new TokenClaims("benchmark-importer", "editor"), TimeSpan.FromHours(4));

    /// <summary>An admin, who backs up and restores (BackupService).</summary>
    public static string AdminToken { get; } = Signing.Mint(new TokenClaims("benchmark-admin", "admin"), TimeSpan.FromHours(4));

    public static string WatcherToken { get; } = Signing.Mint(new TokenClaims("benchmark-watcher", "editor"), TimeSpan.FromHours(4));

    public static IEnumerable<KeyValuePair<string, string>> ServerSettings =>
    [
        new("Auth__SigningKey", Signing.SigningKey),
        new("Auth__Issuer", Signing.Issuer),
        new("Auth__Audience", Signing.Audience),
    ];

    public static GrpcChannelOptions AsReader(this GrpcChannelOptions options) => options.AsCaller(ReaderToken);

    public static GrpcChannelOptions AsCaller(this GrpcChannelOptions options, string token)
    {
        options.Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", $"Bearer {token}");
            return Task.CompletedTask;
        }));
        options.UnsafeUseInsecureChannelCallCredentials = true;
        return options;
    }
}
