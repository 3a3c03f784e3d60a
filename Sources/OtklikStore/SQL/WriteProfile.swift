import Foundation
import Synchronization

/// An opt-in profile of where writes spend their time (`otklik.profile.writes.seconds`, off by default): for each user
/// of SQLite's single writer — the group commit of a table, each feed consumer, each background round, everything else
/// ("other") — how many transactions it ran, how long each waited for the writer's lock, how long it held it and how
/// much of that was the commit; and for single POSTs, the stages of the request (recorded by the write path with
/// ``record(_:seconds:)``), and the write-ahead log's checkpoints (``WALCheckpointer``). Summed up on standard error every so many seconds, whatever the log level. A POST's latency
/// is its stages; a writer that holds the lock long makes every POST behind it wait.
///
/// Writers name themselves with ``label`` (a task-local value) around their work. PostgreSQL's transactions are not
/// profiled (its writers do not share one lock).
public enum WriteProfile {
    /// The writer the current task's transactions are counted under.
    @TaskLocal public static var label: String = "other"

    /// Whether the profile is on: one atomic load on every transaction and POST when it is off.
    private static let on = Atomic<Bool>(false)

    public static var enabled: Bool { on.load(ordering: .relaxed) }

    /// One transaction or stage, in seconds.
    struct Sample: Sendable, Equatable {
        var wait: Double
        var hold: Double
        var commit: Double
    }

    private struct State {
        var interval: Duration = .seconds(10)
        var samples: [String: [Sample]] = [:]
        var since = ContinuousClock.now
    }

    private static let state = Mutex(State())

    /// Turns the profile on, summing up every `seconds` (0 turns it off). Every sample of an interval is kept until its
    /// summary (about 100 bytes a POST with its stages), so the setting allows at most a minute.
    public static func start(every seconds: Int) {
        state.withLock { $0 = State(interval: .seconds(max(1, seconds))) }
        on.store(seconds > 0, ordering: .relaxed)
    }

    /// A stage of a request (`label`) that took `seconds`, shown as its hold.
    public static func record(_ label: String, seconds: Double) {
        record(Sample(wait: 0, hold: seconds, commit: 0), label: label)
    }

    /// Runs `body` and, with the profile on, records the time it took (whether it returned or threw) as the stage
    /// `label` of a request.
    public static func stage<T>(
        _ label: String, isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> T
    ) async rethrows -> T {
        guard enabled else { return try await body() }
        let started = ContinuousClock.now
        defer { record(label, seconds: seconds(since: started)) }
        return try await body()
    }

    /// The seconds from `start` to now.
    public static func seconds(since start: ContinuousClock.Instant) -> Double {
        seconds(start.duration(to: .now))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// Counts one transaction of the current writer; prints the summary when the interval has passed.
    static func record(_ sample: Sample, label: String = label) {
        guard enabled else { return }
        let report: String? = state.withLock { state in
            state.samples[label, default: []].append(sample)
            let elapsed = state.since.duration(to: .now)
            guard elapsed >= state.interval else { return nil }
            let text = summary(state.samples, over: seconds(elapsed))
            state.samples = [:]
            state.since = .now
            return text
        }
        if let report { FileHandle.standardError.write(Data(report.utf8)) }
    }

    /// The summary of `samples` gathered over `seconds`: a line per writer or stage, the longest total hold first.
    static func summary(_ samples: [String: [Sample]], over seconds: Double) -> String {
        var lines = [
            "write profile over \(String(format: "%.1f", seconds)) s "
                + "(ms: wait for the lock p50/p99/max; held or taken p50/p99/max; of it the commit p50/p99; total held or taken)"
        ]
        let totals = samples.mapValues { $0.reduce(0) { $0 + $1.hold } }
        for label in samples.keys.sorted(by: { (totals[$0]!, $1) > (totals[$1]!, $0) }) {
            let list = samples[label]!
            let waits = list.map(\.wait).sorted()
            let holds = list.map(\.hold).sorted()
            let commits = list.map(\.commit).sorted()
            lines.append(
                "  \(label): \(list.count); wait \(ms(waits, 0.5))/\(ms(waits, 0.99))/\(ms(waits, 1)); "
                    + "held \(ms(holds, 0.5))/\(ms(holds, 0.99))/\(ms(holds, 1)); commit \(ms(commits, 0.5))/\(ms(commits, 0.99)); "
                    + "total \(String(format: "%.0f", totals[label]! * 1000))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `quantile` of `sorted` (the nearest rank, rounded up) in milliseconds.
    static func ms(_ sorted: [Double], _ quantile: Double) -> String {
        guard !sorted.isEmpty else { return "-" }
        let rank = Int((Double(sorted.count) * quantile).rounded(.up))
        return String(format: "%.2f", sorted[min(sorted.count, max(1, rank)) - 1] * 1000)
    }
}
