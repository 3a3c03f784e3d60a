import Foundation
import OtklikCore
import Testing
@testable import OtklikMetrics

/// Issue 15 item 17: the engine's memory grows with the data, not with the time span it covers.
@Suite struct SparseRollupMemoryTests {
    @Test func oneRecordTwentyFiveYearsOldAddsLessThanAMegabyte() {
        var table = FeedbackTable(timeZone: TimeZone(identifier: "Europe/Moscow")!)
        table.addDashboardRollups()
        let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
        // A year of answers over 200 locations, 2,000 staff and 30 services: every code appears.
        for index in 0..<60_000 {
            table.append(FeedbackFact(
                ts: start.addingTimeInterval(Double(index % 365) * 86_400 + Double(index % 600) * 60), channel: index % 3 == 0 ? .button : .terminal,
                kind: index % 3 == 0 ? .impulse : .informative, location: "L\(index % 200)", staff: "S\(index % 2_000)", service: "SV\(index % 30)",
                nps: index % 3 == 0 ? nil : index % 11, csat: index % 3 == 0 ? nil : 1 + index % 5, ces: index % 3 == 0 ? nil : 1 + index % 7,
                button: index % 3 == 0 ? .positive : nil))
        }
        let before = table.memoryBytes
        let old = Date(timeIntervalSince1970: 946_728_000)  // 2000-01-01 12:00 UTC
        table.append(FeedbackFact(ts: old, channel: .terminal, kind: .informative, location: "L7", staff: "S77", service: "SV3", nps: 9, csat: 5, ces: 2))
        let after = table.memoryBytes
        FileHandle.standardError.write(Data("engine memory: \(before) bytes before, \(after) after one record dated 2000-01-01 (+\(after - before))\n".utf8))
        #expect(after - before < 1_000_000, "grew by \(after - before) bytes")
        // And the old record is counted where a rollup answers.
        var query = FeedbackQuery(measures: .all)
        query.from = Date(timeIntervalSince1970: 946_674_000)  // 2000-01-01 00:00 Moscow
        query.to = query.from!.addingTimeInterval(86_400)
        #expect(table.tally(query).overall.npsN == 1)
    }
}
