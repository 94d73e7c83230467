namespace Translations.Tests.Infrastructure;

/// <summary>
/// Tests that assert a bound the issue sets in seconds (delivery within 2 s without Redis, no call
/// slower than 1 s during a Redis outage) or that load the machine heavily run after the others, one
/// class at a time, so that on a 2-core machine they measure the service rather than their neighbours.
/// </summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
