namespace Translations.Storage;

/// <summary>Told by the store right after a write's change events committed, before the write is acknowledged.</summary>
public interface IChangeNotifier
{
    /// <summary>Must not block or throw: the write has committed whatever happens here.</summary>
    void Committed(long lastSequence);
}
