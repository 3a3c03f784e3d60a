import ArgumentParser
import Foundation
import OtklikMetrics
import OtklikServer

/// `otklik bench analytics`: loads the benchmark data set into the engine and times Q1-Q5 and the
/// dashboard page; prints one JSON document (figures and every group's value and n) for
/// `scripts/bench-analytics`, which runs DuckDB on the same file and compares.
struct BenchAnalyticsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analytics", abstract: "Time the analytics engine on a generated data set (scripts/bench-analytics runs it beside DuckDB).")

    @Option(help: "The data set (CSV written by scripts/bench/generate_feedback.py).") var data: String
    @Option(help: "Repetitions of each query.") var `repeat`: Int = 5
    @Option(help: "Threads a scan may use (default: every active processor).") var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func run() async throws {
        guard `repeat` >= 1, threads >= 1 else { throw CommandFailure("--repeat and --threads must be at least 1") }
        var reported = 0
        let loaded = try BenchFeedbackFile.load(path: data) { count in
            if count >= reported + 1_000_000 {
                reported = count
                FileHandle.standardError.write(Data("loaded \(count) records\n".utf8))
            }
        }
        let table = loaded.table
        FileHandle.standardError.write(Data("loaded \(table.count) records in \(String(format: "%.1f", loaded.loadSeconds)) s\n".utf8))
        let options = ScanOptions(parallelism: threads)
        var queries: [[String: Any]] = []
        for query in AnalyticsBenchQuery.all {
            var times: [Double] = []
            var report: MetricReport?
            for _ in 0..<`repeat` {
                let started = ContinuousClock.now
                report = query.run(on: table, options: options)
                times.append((ContinuousClock.now - started).seconds * 1000)
            }
            let groups = Dictionary(uniqueKeysWithValues: report!.groups.map { group in
                (report!.dimensions.map { group.key[$0] ?? "" }.joined(separator: "|"), [group.value.value.map { $0 as Any } ?? NSNull(), group.value.n])
            })
            queries.append(["id": query.id, "title": query.title, "times_ms": times, "groups": groups])
            FileHandle.standardError.write(Data("\(query.id) median \(String(format: "%.2f", times.sorted()[times.count / 2])) ms\n".utf8))
        }
        let dashboard = try await DashboardBenchmark(table: table)
        var pageTimes: [Double] = []
        var bytes = 0
        for _ in 0..<`repeat` {
            let started = ContinuousClock.now
            bytes = try await dashboard.render(from: "2025-01-01", to: "2025-12-31")
            pageTimes.append((ContinuousClock.now - started).seconds * 1000)
        }
        let document: [String: Any] = [
            "records": table.count, "threads": threads,
            "append_seconds": loaded.appendSeconds, "load_seconds": loaded.loadSeconds,
            "memory_bytes": table.memoryBytes, "bytes_per_record": FeedbackTable.bytesPerRecord,
            "queries": queries, "dashboard": ["times_ms": pageTimes, "html_bytes": bytes],
        ]
        let json = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        FileHandle.standardOutput.write(json)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
