namespace Translations.Cli.Hosting;

/// <summary>What the exit code of <c>translations</c> says, so that a script can tell a mistake from a refusal from an outage.</summary>
public static class ExitCodes
{
    public const int Done = 0;

    /// <summary>Anything not named below (a failure of the service itself, a cancelled command).</summary>
    public const int Other = 1;

    /// <summary>Bad options, or a file that cannot be read or parsed: nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>The service refused: invalid request, not found, revision conflict, workflow, already exists, authentication, permission.</summary>
    public const int Refused = 3;

    /// <summary>The service could not be reached or asked to wait: cannot connect, UNAVAILABLE, deadline, rate-limited.</summary>
    public const int Unavailable = 4;

    public const string Description = """
        Exit codes:
          0  done
          1  anything else (the service failed, the command was cancelled)
          2  usage error: bad options, a file that cannot be read or parsed (nothing sent)
          3  refused by the service: invalid request, not found, revision conflict, workflow, already exists, authentication, permission
          4  unavailable or try later: cannot connect, UNAVAILABLE, deadline exceeded, rate-limited (the message says how long to wait)
        """;
}
