using System.Buffers;
using System.ComponentModel;
using Google.Protobuf;
using Microsoft.Extensions.Caching.Hybrid;
using Translations.Releases;

namespace Translations.Caching;

/// <summary>
/// A cached read of one release id: the release, or null when it does not exist. Immutable, so
/// HybridCache hands out the same instance from L1 instead of copying it on every hit.
/// </summary>
[ImmutableObject(true)]
public sealed record ReleaseEntry(Release? Release);

/// <summary>Cache entries travel to Redis as protobuf bytes of translations.v1.Release; an empty payload means "no such release".</summary>
internal sealed class ReleaseCacheSerializer : IHybridCacheSerializer<ReleaseEntry>
{
    public ReleaseEntry Deserialize(ReadOnlySequence<byte> source) =>
        source.IsEmpty ? new ReleaseEntry(null) : new ReleaseEntry(V1.Release.Parser.ParseFrom(source).ToDomain());

    public void Serialize(ReleaseEntry value, IBufferWriter<byte> target)
    {
        if (value.Release is { } release)
        {
            release.ToMessage().WriteTo(target);
        }
    }
}
