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

/// <summary>
/// Cache entries travel to Redis as a small protobuf envelope: field 1 the translations.v1.Release, field 2
/// (packed) each variant's content revision in variant order, which the public contract does not carry
/// but a release read back must keep, so that an entry from Redis equals the one read from the
/// database. An empty payload means "no such release". <see cref="ReleaseCacheKeys"/> versions the form.
/// </summary>
internal sealed class ReleaseCacheSerializer : IHybridCacheSerializer<ReleaseEntry>
{
    private const int ReleaseField = 1;
    private const int ContentRevisionsField = 2;

    public ReleaseEntry Deserialize(ReadOnlySequence<byte> source)
    {
        if (source.IsEmpty)
        {
            return new ReleaseEntry(null);
        }
        var input = new CodedInputStream(source.ToArray());
        V1.Release? message = null;
        var contentRevisions = new List<long>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case ReleaseField:
                    message = new V1.Release();
                    input.ReadMessage(message);
                    break;
                case ContentRevisionsField when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                    var packed = new CodedInputStream(input.ReadBytes().ToByteArray());
                    while (!packed.IsAtEnd)
                    {
                        contentRevisions.Add(packed.ReadInt64());
                    }
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
        var release = (message ?? throw new InvalidDataException("A cached release without its release field.")).ToDomain();
        return new ReleaseEntry(release with
        {
            Variants = release.Variants.Select((v, i) => i < contentRevisions.Count ? v with { ContentRevision = contentRevisions[i] } : v).ToArray(),
        });
    }

    public void Serialize(ReleaseEntry value, IBufferWriter<byte> target)
    {
        if (value.Release is not { } release)
        {
            return;
        }
        var envelope = new MemoryStream();
        var output = new CodedOutputStream(envelope);
        output.WriteTag(ReleaseField, WireFormat.WireType.LengthDelimited);
        output.WriteMessage(release.ToMessage());
        var revisions = release.Variants.Select(v => v.ContentRevision).ToArray();
        output.WriteTag(ContentRevisionsField, WireFormat.WireType.LengthDelimited);
        output.WriteLength(revisions.Sum(CodedOutputStream.ComputeInt64Size));
        foreach (var revision in revisions)
        {
            output.WriteInt64(revision);
        }
        output.Flush();
        target.Write(envelope.GetBuffer().AsSpan(0, (int)envelope.Length));
    }
}
