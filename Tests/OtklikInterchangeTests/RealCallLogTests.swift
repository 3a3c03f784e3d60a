import Foundation
import OtklikCore
import OtklikInterchange
import OtklikMetrics
import Testing

/// The KPIs on the real February 1999 call log of an Israeli bank (../shared/data/callcenter) against
/// the figures computed independently (../shared/data/README.md): T = 20 s, short abandon 5 s.
@Suite struct RealCallLogTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/callcenter/anonymous_bank_1999_february.txt").path
    static let available = FileManager.default.fileExists(atPath: path)

    static func facts() throws -> CallFacts {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let result = try TechnionCallLog.parse(text, timeZone: TimeZone(identifier: "Asia/Jerusalem")!)
        #expect(result.skipped.isEmpty)
        #expect(result.phantoms == 278)
        #expect(result.records.count == 33_344 - 278)
        var facts = CallFacts(timeZone: TimeZone(identifier: "Asia/Jerusalem")!)
        facts.append(result.records.map(\.record))
        return facts
    }

    @Test(.enabled(if: available, "../shared/data is absent: the real-data check is skipped"))
    func reproducesTheIndependentFigures() throws {
        var facts = try Self.facts()
        // The log's waits and service times are whole seconds: the engine holds them as 4-byte floats.
        #expect(facts.table.bytesPerContact == CallTable.bytesPerCall)
        func overall(_ configure: (inout CallMetric) -> Void, kind: CallMetric.Kind) -> Double {
            var metric = CallMetric(kind: kind)
            configure(&metric)
            return facts.report(metric, by: [], minimumN: 1).overall.value ?? .nan
        }
        // service level, answered only (definition 2): 59.7 %
        #expect(abs(overall({ $0.serviceLevel = .answered }, kind: .sl) - 59.7) < 0.05)
        // over all offered (definition 3): 52.1 %
        #expect(abs(overall({ $0.serviceLevel = .offered }, kind: .sl) - 52.1) < 0.05)
        // abandonment 12.65 %, 11.96 % without abandons within 5 s
        #expect(abs(overall({ _ in }, kind: .abandonment) - 12.65) < 0.005)
        #expect(abs(overall({ $0.abandonment = .withoutShort }, kind: .abandonment) - 11.96) < 0.005)
        // ASA 40.8 s over answered calls, zero waits included
        #expect(abs(overall({ _ in }, kind: .asa) - 40.8) < 0.05)
        let byQueue = facts.report(CallMetric(kind: .sl), by: [.queue], minimumN: 1)
        #expect(byQueue.groups.map { $0.key["queue"] ?? "" } == ["IN", "NE", "NW", "PE", "PS", "TT"])
        #expect(byQueue.groups.reduce(0) { $0 + $1.value.n } == byQueue.overall.n)
    }
}
