using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Translations.Benchmarks;

/// <summary>External programs the benchmark starts, looked up on PATH.</summary>
internal static class Executables
{
    public static string Find(string name, string debianPackage)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{name} is not on PATH: install it (Debian package {debianPackage}).");
    }

    /// <summary>The first line the program prints for --version.</summary>
    public static string Version(string executable)
    {
        using var process = Process.Start(new ProcessStartInfo(executable, ["--version"]) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Split('\n')[0].Trim();
    }
}

/// <summary>CPU time from the kernel, in seconds.</summary>
internal static partial class Cpu
{
    private const int ClockTicksPerSecond = 100;
    private const int ReapedChildren = -1;

    /// <summary>User + system time of a running process, from /proc/[pid]/stat.</summary>
    public static double OfProcess(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of stat(5) (utime, stime) are the 12th and 13th after the command name.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / (double)ClockTicksPerSecond;
    }

    /// <summary>User + system time of a process that may have ended meanwhile (0 then).</summary>
    public static double OfProcessIfRunning(int pid)
    {
        try
        {
            return OfProcess(pid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>The parent's process id from /proc/[pid]/stat, or -1 when the process has ended.</summary>
    public static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    /// <summary>Busy time of the whole machine, all cores together (everything but idle and iowait), from /proc/stat.</summary>
    public static double OfMachine()
    {
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        return (ticks.Take(8).Sum() - ticks[3] - ticks[4]) / (double)ClockTicksPerSecond;
    }

    /// <summary>User + system time of every child process that has ended and been reaped so far.</summary>
    public static double OfEndedChildren()
    {
        var usage = new long[18]; // struct rusage: two struct timeval, then 14 longs
        if (getrusage(ReapedChildren, usage) != 0)
        {
            throw new InvalidOperationException($"getrusage failed: {Marshal.GetLastPInvokeError()}");
        }
        return usage[0] + usage[1] / 1e6 + usage[2] + usage[3] / 1e6;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, [Out] long[] usage);
}
