namespace Translations.V1;

/// <summary>
/// The <c>google.rpc.ErrorInfo</c> reasons and metadata keys of the translations.v1 contract, in domain
/// <see cref="Domain"/>: the service writes them and the client reads them, from this one list.
/// </summary>
public static class ErrorReasons
{
    public const string Domain = "translations.v1";

    public const string TokenMissing = "TOKEN_MISSING";
    public const string TokenInvalid = "TOKEN_INVALID";
    public const string TokenExpired = "TOKEN_EXPIRED";
    public const string MissingRight = "MISSING_RIGHT";
    public const string RevisionMismatch = "REVISION_MISMATCH";
    public const string SlugTaken = "SLUG_TAKEN";
    public const string RequestIdReused = "REQUEST_ID_REUSED";
    public const string ReleaseExists = "RELEASE_EXISTS";
    public const string DatabaseUnavailable = "DATABASE_UNAVAILABLE";
    public const string HeadersTooLarge = "HEADERS_TOO_LARGE";
    public const string EventsExpired = "EVENTS_EXPIRED";
    public const string SequenceAhead = "SEQUENCE_AHEAD";
    public const string WatcherTooSlow = "WATCHER_TOO_SLOW";
    public const string ServerStopping = "SERVER_STOPPING";

    /// <summary>PreconditionFailure violation type of a variant in the wrong workflow state.</summary>
    public const string VariantState = "VARIANT_STATE";

    /// <summary>ErrorInfo metadata keys.</summary>
    public static class Keys
    {
        public const string CurrentRevision = "current_revision";
        public const string ExpectedRevision = "expected_revision";
        public const string LastSequence = "last_sequence";
        public const string OldestSequence = "oldest_sequence";
        public const string Right = "right";
        public const string Language = "language";
        public const string Slug = "slug";
        public const string RequestId = "request_id";
    }

    /// <summary>WatchReleases response header: the sequence the stream starts after.</summary>
    public const string AfterSequenceHeader = "after-sequence";
}
