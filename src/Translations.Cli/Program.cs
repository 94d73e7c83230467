using System.Runtime.InteropServices;
using Translations.Cli;

// Ctrl+C and SIGTERM cancel the running command (a watch then prints where to continue) instead of killing it.
using var stop = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await TranslationsCli.RunAsync(args, Console.Out, Console.Error, environment: null, stop.Token);

void Stop(PosixSignalContext signal)
{
    signal.Cancel = true;
    stop.Cancel();
}
