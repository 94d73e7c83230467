using System.Text;
using Translations.Tests.Infrastructure;

namespace Translations.Tests;

/// <summary>The rehearsal's plain-text report: calls, failures, watchers, the database and the receiver.</summary>
public sealed partial class ProductionRehearsalTests
{
    private static (int Lost, int Repeated, int OutOfOrder) Compare(IReadOnlyList<long> received, IReadOnlyList<long> expected) =>
        (expected.Except(received).Count(),
         received.Count - received.Distinct().Count(),
         received.Zip(received.Skip(1)).Count(pair => pair.Second <= pair.First));

    private string Name(ServiceProcess replica) =>
        $"{replica.Address.Port}{(_stopped.TryGetValue(replica, out var how) ? $" ({how})" : "")}";

    private string Report(TimeSpan loadTook, Disruption disruption, int releases, long newest,
        IReadOnlyList<ResumingWatch> watchers, IReadOnlyDictionary<ResumingWatch, IReadOnlyList<long>> expected, (bool Traces, bool GetSpan, bool Metrics) exports)
    {
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');
        var seconds = loadTook.TotalSeconds;
        Line($"Production rehearsal: 3 replicas (Storage__Provider=PostgreSql, one Redis, OTLP http/protobuf to a local receiver, Production, Draining__Delay={DrainingDelay}, Draining__Timeout={DrainingTimeout}), {seconds:F0} s of load.");
        Line($"Load: {WritersPerReplica} writers, 1 GetRelease reader and 1 QueryReleases reader per replica; a draft-view (editor) and a published-view (reader) watcher homed on each replica.");
        var d = disruption;
        Line($"Replica A: SIGTERM at {d.SigtermAt.TotalSeconds:F1} s, exited with code {d.ExitCode} {d.Exited.TotalSeconds:F1} s later; its new process served from {d.NewAReady.TotalSeconds:F1} s.");
        Line($"Replica B: SIGKILL at {d.SigkillAt.TotalSeconds:F1} s; its new process served from {d.NewBReady.TotalSeconds:F1} s.");
        Line("Calls sent per replica process (failed ones included): " + string.Join(", ", new[]
        {
            ("A", d.A), ("A restarted", d.NewA), ("B", d.B), ("B restarted", d.NewB), ("C", _balancer[2]),
        }.Select(r => $"{r.Item1} {_tally.Sent.GetValueOrDefault(r.Item2)}")) + ".");
        Line("");
        Line("Calls made (attempts, retries included):");
        foreach (var (rpc, count) in _tally.Calls.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            Line($"  {rpc,-16} {count,8}  ({count / seconds,6:F1}/s)");
        }
        Line($"  {"total",-16} {_tally.Calls.Values.Sum(),8}");
        Line("Failures by status (each retried on another replica):");
        var failures = _tally.Failures;
        if (failures.Count == 0)
        {
            Line("  none");
        }
        foreach (var group in failures.GroupBy(f => (f.Status, f.Rpc, Stopped: _stopped.GetValueOrDefault(f.On) ?? "a running replica")).OrderBy(g => g.Key.ToString(), StringComparer.Ordinal))
        {
            Line($"  {group.Key.Status} {group.Key.Rpc} on {group.Key.Stopped}: {group.Count()}");
        }
        Line($"Retries answered with an error whose first attempt had been applied (settled by reading): {_tally.SettledByReading.Values.Sum()}"
            + string.Concat(_tally.SettledByReading.Select(s => $"; {s.Key}: {s.Value}")));
        Line($"Database: {releases} releases (one per acknowledged creation), {newest} change events ({(releases == 0 ? 0 : (double)newest / releases):0.##} per release; the workflow makes {EventsPerRelease}).");
        Line("");
        Line("Watchers:");
        foreach (var watcher in watchers)
        {
            var (lost, repeated, outOfOrder) = Compare(watcher.Sequences, expected[watcher]);
            var endings = string.Join(", ", watcher.Endings.GroupBy(e => $"{e.Status} {e.Reason} on {_stopped.GetValueOrDefault(e.On) ?? "running"}").Select(g => $"{g.Count()}x {g.Key}"));
            Line($"  {watcher.View,-9} view: {watcher.Sequences.Count,6} events delivered, {watcher.Endings.Count} resumes{(endings.Length > 0 ? $" ({endings})" : "")}; lost/repeated/out of order = {lost}/{repeated}/{outOfOrder}");
        }
        var totals = watchers.Select(w => Compare(w.Sequences, expected[w])).ToList();
        Line($"  events delivered {watchers.Sum(w => w.Sequences.Count)}, resumes {watchers.Sum(w => w.Endings.Count)}, lost/repeated = {totals.Sum(t => t.Lost)}/{totals.Sum(t => t.Repeated)}");
        Line("");
        Line($"Receiver exports: traces {_otlp.Count("traces")} ({_otlp.Bytes("traces") / 1024} KiB), metrics {_otlp.Count("metrics")} ({_otlp.Bytes("metrics") / 1024} KiB), logs {_otlp.Count("logs")} ({_otlp.Bytes("logs") / 1024} KiB)");
        Line($"  traces hold rpc.system: {(exports.Traces ? "yes" : "no")}; a span named translations.v1.ReleaseService/GetRelease: {(exports.GetSpan ? "yes" : "no")}; metrics arrived: {(exports.Metrics ? "yes" : "no")}");
        return text.ToString();
    }
}
