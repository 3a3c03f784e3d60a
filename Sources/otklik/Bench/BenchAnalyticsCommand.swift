import ArgumentParser
import Foundation
import OtklikCore
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
    @Option(help: """
        Run only these queries (e.g. Q3; repeatable) and not the dashboard: for profiling one query. \
        `dashboard-cold` renders the year's dashboard from cold --repeat times instead.
        """) var only: [String] = []

    /// New records on the last day of the year, as a running server appends them.
    static func arrivals(_ count: Int, after sequence: inout Int) -> [FeedbackFact] {
        let start = Date(timeIntervalSince1970: 1_767_182_400)  // 2025-12-31T12:00:00Z
        defer { sequence += count }
        let channels: [Channel] = [.terminal, .qrWeb, .button]
        return (sequence..<(sequence + count)).map { index -> FeedbackFact in
            let location = String(format: "L%03d", 1 + index % 200)
            let staff = String(format: "S%04d", 1 + index % 2000)
            let service = String(format: "SV%02d", 1 + index % 30)
            let nps: Int? = index % 2 == 0 ? index % 11 : nil
            let csat: Int? = index % 3 == 0 ? 1 + index % 5 : nil
            return FeedbackFact(
                ts: start.addingTimeInterval(Double(index) / 100), channel: channels[index % 3], kind: .informative,
                location: location, staff: staff, service: service, nps: nps, csat: csat)
        }
    }

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
        let bandwidth = MemoryBandwidth.measure(threads: threads)
        FileHandle.standardError.write(Data("memory read bandwidth, \(threads) threads: \(bandwidth.passesGBs.map { String(format: "%.1f", $0) }.joined(separator: ", ")) GB/s\n".utf8))
        var queries: [[String: Any]] = []
        for query in AnalyticsBenchQuery.all where only.isEmpty || only.contains(query.id) {
            var times: [Double] = []
            var report: MetricReport?
            for _ in 0..<`repeat` {
                let started = ContinuousClock.now
                report = query.run(on: table, options: options)
                times.append((ContinuousClock.now - started).seconds * 1000)
            }
            let groups = Dictionary(uniqueKeysWithValues: report!.groups.map { group in
                (report!.dimensions.map { group.label($0) ?? "" }.joined(separator: "|"), [group.value.value.map { $0 as Any } ?? NSNull(), group.value.n])
            })
            queries.append([
                "id": query.id, "title": query.title, "times_ms": times, "groups": groups,
                "bytes_read": query.bytesRead(from: table), "columns": query.columns,
            ])
            FileHandle.standardError.write(Data("\(query.id) median \(String(format: "%.2f", times.sorted()[times.count / 2])) ms\n".utf8))
        }
        if only.contains("dashboard-cold") {
            let dashboard = try await DashboardBenchmark(table: table)
            var cold: [Double] = []
            for _ in 0..<`repeat` {
                let started = ContinuousClock.now
                _ = try await dashboard.render(from: "2025-01-01", to: "2025-12-31", cold: true)
                cold.append((ContinuousClock.now - started).seconds * 1000)
            }
            FileHandle.standardError.write(Data("dashboard year from cold median \(String(format: "%.1f", cold.sorted()[cold.count / 2])) ms\n".utf8))
            queries.append(["id": "dashboard-cold", "times_ms": cold])
        }
        guard only.isEmpty else { return try Self.emit(["records": table.count, "threads": threads, "queries": queries]) }
        let dashboard = try await DashboardBenchmark(table: table)
        var pages: [String: Any] = [:]
        // The whole year, and the page's default period (the last 90 days); from cold (every row
        // scanned) and viewed again after 1,000 new records (remembered results topped up).
        var arriving = 0
        let pageShapes: [(String, String, [String: String])] = [
            ("year", "2025-01-01", [:]), ("last_90_days", "2025-10-03", [:]),
            ("year_channel_terminal", "2025-01-01", ["channel": "terminal"]), ("year_location_L007", "2025-01-01", ["location": "L007"]),
        ]
        for (name, from, filters) in pageShapes {
            var cold: [Double] = [], warm: [Double] = [], coldParts: [[Double]] = []
            var bytes = 0
            for _ in 0..<`repeat` {
                let started = ContinuousClock.now
                let page = try await dashboard.render(from: from, to: "2025-12-31", filters: filters, cold: true)
                cold.append((ContinuousClock.now - started).seconds * 1000)
                coldParts.append([page.viewModelMs, page.templateMs])
                bytes = page.bytes
            }
            for _ in 0..<`repeat` {
                try await dashboard.append(Self.arrivals(1_000, after: &arriving))
                let started = ContinuousClock.now
                bytes = try await dashboard.render(from: from, to: "2025-12-31", filters: filters, cold: false).bytes
                warm.append((ContinuousClock.now - started).seconds * 1000)
            }
            pages[name] = ["cold_ms": cold, "warm_ms": warm, "cold_view_model_and_template_ms": coldParts, "html_bytes": bytes]
        }
        let document: [String: Any] = [
            "records": table.count, "threads": threads,
            "append_seconds": loaded.appendSeconds, "load_seconds": loaded.loadSeconds,
            "memory_bytes": table.memoryBytes, "bytes_per_record": FeedbackTable.bytesPerRecord,
            "queries": queries, "dashboard": pages,
            "bandwidth_bytes_per_second": bandwidth.bytesPerSecond, "bandwidth_passes_gb_s": bandwidth.passesGBs,
            "rollup_seconds": dashboard.rollupSeconds, "rollup_bytes": dashboard.rollupBytes,
        ]
        try Self.emit(document)
    }

    /// Prints the result document as one line of JSON with sorted keys.
    static func emit(_ document: [String: Any]) throws {
        let json = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        FileHandle.standardOutput.write(json)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
