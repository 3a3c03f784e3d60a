import Foundation
import OtklikCore
import OtklikMetrics

/// Reads the analytics benchmark's data set into the engine: a CSV with the header
/// `ts,channel,location,staff,service,segment,nps,csat,ces` (ts in epoch milliseconds, empty = none),
/// written by `scripts/bench/generate_feedback.py`. Appending is timed apart from parsing.
struct BenchFeedbackFile {
    static let header = "ts,channel,location,staff,service,segment,nps,csat,ces"

    struct Loaded {
        var table: FeedbackTable
        /// Time spent in `FeedbackTable.append` only.
        var appendSeconds: Double
        /// Reading, parsing and appending.
        var loadSeconds: Double
    }

    static func load(path: String, progress: (Int) -> Void) throws -> Loaded {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CommandFailure("cannot open \(path)") }
        defer { try? handle.close() }
        let started = ContinuousClock.now
        var table = FeedbackTable(timeZone: TimeZone(identifier: "UTC")!)
        var appendTime = Duration.zero
        var pending = [UInt8]()
        var lineNumber = 0
        var facts: [FeedbackFact] = []
        facts.reserveCapacity(100_000)
        func flush() {
            let before = ContinuousClock.now
            for fact in facts { table.append(fact) }
            appendTime += ContinuousClock.now - before
            facts.removeAll(keepingCapacity: true)
            progress(table.count)
        }
        while true {
            let data = try handle.read(upToCount: 8 << 20) ?? Data()
            pending.append(contentsOf: data)
            var start = 0
            let end = data.isEmpty ? pending.count : (pending.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0)
            while start < end {
                var stop = start
                while stop < end && pending[stop] != UInt8(ascii: "\n") { stop += 1 }
                let line = pending[start..<stop]
                lineNumber += 1
                start = stop + 1
                if lineNumber == 1 {
                    guard String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == header else {
                        throw CommandFailure("\(path): the header must be \(header)")
                    }
                    continue
                }
                if line.isEmpty { continue }
                guard let fact = parse(line) else { throw CommandFailure("\(path):\(lineNumber): not a benchmark record") }
                facts.append(fact)
                if facts.count == 100_000 { flush() }
            }
            pending.removeFirst(end)
            if data.isEmpty { break }
        }
        flush()
        return Loaded(table: table, appendSeconds: appendTime.seconds, loadSeconds: (ContinuousClock.now - started).seconds)
    }

    /// One record, or nil when a field is malformed.
    static func parse(_ line: ArraySlice<UInt8>) -> FeedbackFact? {
        var fields: [ArraySlice<UInt8>] = []
        fields.reserveCapacity(9)
        var fieldStart = line.startIndex
        for index in line.indices where line[index] == UInt8(ascii: ",") {
            fields.append(line[fieldStart..<index])
            fieldStart = index + 1
        }
        var last = line[fieldStart...]
        if last.last == UInt8(ascii: "\r") { last = last.dropLast() }
        fields.append(last)
        guard fields.count == 9, let ts = integer(fields[0]),
            let channel = Channel(rawValue: String(decoding: fields[1], as: UTF8.self))
        else { return nil }
        func code(_ field: ArraySlice<UInt8>) -> String? { field.isEmpty ? nil : String(decoding: field, as: UTF8.self) }
        func score(_ field: ArraySlice<UInt8>) -> Int?? { field.isEmpty ? .some(nil) : integer(field).map { .some($0) } }
        guard let nps = score(fields[6]), let csat = score(fields[7]), let ces = score(fields[8]) else { return nil }
        let fact = FeedbackFact(
            ts: Date(timeIntervalSince1970: Double(ts) / 1000), channel: channel, kind: .informative,
            location: code(fields[2]), staff: code(fields[3]), service: code(fields[4]), nps: nps, csat: csat, ces: ces)
        return FeedbackTable.isOnScale(fact) ? fact : nil
    }

    static func integer(_ field: ArraySlice<UInt8>) -> Int? {
        guard !field.isEmpty else { return nil }
        var value = 0
        for byte in field {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
