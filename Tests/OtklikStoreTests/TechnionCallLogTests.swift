import Foundation
import OtklikCore
import OtklikInterchange
import OtklikMetrics
import OtklikStore
import Testing

@Suite struct TechnionCallLogTests {
    static let header = "vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\tq_start\tq_exit\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver"
    static let utc = TimeZone(identifier: "UTC")!

    static func line(_ cells: String...) -> String { cells.joined(separator: "\t") }

    static let good = [
        line("AA0101", "1", "0", "0", "PS", "990201", "7:02:47", "7:02:56", "9", "0:00:00", "0:00:00", "0", "AGENT", "7:02:55", "7:05:41", "166", "DORIT"),
        line("AA0101", "2", "2331", "2", "PS", "990201", "8:09:16", "8:09:22", "6", "8:09:22", "8:09:27", "5", "HANG", "0:00:00", "0:00:00", "0", "NO_SERVER"),
        line("AA0101", "3", "0", "0", "NW", "990201", "9:00:00", "9:00:10", "10", "0:00:00", "0:00:00", "0", "HANG", "0:00:00", "0:00:00", "0", "NO_SERVER"),
        line("AA0101", "4", "0", "0", "NW", "990201", "9:10:00", "9:10:10", "10", "0:00:00", "0:00:00", "0", "PHANTOM", "0:00:00", "0:00:00", "0", "NO_SERVER"),
        line("AA0101", "5", "77", "1", "PS", "990201", "23:59:54", "0:00:00", "6", "0:00:00", "0:00:26", "26", "AGENT", "0:00:26", "0:02:00", "94", "TOVA"),
    ]

    @Test func mapsEveryOutcome() throws {
        let result = try TechnionCallLog.parse(([Self.header] + Self.good).joined(separator: "\n"), timeZone: Self.utc)
        #expect(result.phantoms == 1)
        let calls = result.records.map(\.record)
        #expect(result.records.map(\.line) == [2, 3, 4, 6])
        #expect(calls.map(\.outcome) == [.answered, .abandoned, .selfService, .answered])
        #expect(calls[0] == Interaction(
            id: "AA0101-1", channel: .callCenter, queue: "PS", staff: "DORIT", topic: "PS",
            arrivedAt: Date(timeIntervalSince1970: 917_852_567), outcome: .answered, waitSeconds: 0, talkSeconds: 166))
        #expect(calls[1].customer == "2331" && calls[1].waitSeconds == 5 && calls[1].staff == nil)
        #expect(calls[2].waitSeconds == nil)
        #expect(calls[3].talkSeconds == 94, "answered after midnight is not 'before arrival'")
        for call in calls { try call.validate(now: Date()) }
    }

    @Test(arguments: [
        (line("AA0101", "9", "0", "0", "PS", "990231", "7:02:47", "7:02:56", "9", "0:00:00", "0:00:00", "0", "AGENT", "7:02:55", "7:05:41", "166", "D"), "bad date"),
        (line("AA0101", "9", "0", "0", "PS", "990201", "7:62:47", "7:02:56", "9", "0:00:00", "0:00:00", "0", "AGENT", "7:02:55", "7:05:41", "166", "D"), "bad time"),
        (line("AA0101", "9", "0", "0", "PS", "990201", "9:00:00", "9:00:09", "9", "0:00:00", "0:00:00", "0", "AGENT", "8:02:55", "8:05:41", "166", "D"), "before the arrival"),
        (line("AA0101", "9", "0", "0", "PS", "990201", "9:00:00", "9:00:09", "9", "0:00:00", "0:00:00", "-4", "HANG", "0:00:00", "0:00:00", "0", "D"), "negative duration"),
        (line("AA0101", "9", "0", "0", "PS", "990201", "9:00:00"), "expected 17"),
        (line("AA0101", "9", "0", "0", "PS", "990201", "9:00:00", "9:00:09", "9", "0:00:00", "0:00:00", "0", "LOST", "0:00:00", "0:00:00", "0", "D"), "unknown outcome"),
    ])
    func badLinesNameTheirNumber(bad: String, message: String) {
        let text = ([Self.header] + Self.good.prefix(2) + [bad] + Self.good.suffix(1)).joined(separator: "\n")
        do {
            _ = try TechnionCallLog.parse(text, timeZone: Self.utc)
            Issue.record("accepted: \(bad)")
        } catch let error as OtklikError {
            #expect(error.field == "line 4")
            #expect(error.message.contains(message), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func skipBadKeepsTheGoodLinesAndSaysWhich() throws {
        let bad = Self.line("AA0101", "9", "0", "0", "PS", "990201", "9:00:00")
        let text = ([Self.header, bad] + Self.good + [bad]).joined(separator: "\n")
        let result = try TechnionCallLog.parse(text, timeZone: Self.utc, skipBad: true)
        #expect(result.records.count == 4)
        #expect(result.skipped.map(\.line) == [2, 8])
    }

    @Test func refusesAnotherFormat() {
        #expect(throws: OtklikError.self) { try TechnionCallLog.parse("id,ts,channel\n", timeZone: Self.utc) }
    }

    @Test(arguments: TestEngine.available)
    func interactionsAreStoredIdempotently(engine: TestEngine) async throws {
        let calls = try TechnionCallLog.parse(([Self.header] + Self.good).joined(separator: "\n"), timeZone: Self.utc).records.map(\.record)
        try await engine.withDatabase { database in
            #expect(try await database.interactions.insert(calls, createMissingReferences: true).inserted.count == 4)
            #expect(try await database.interactions.insert(calls, createMissingReferences: true).duplicates.count == 4)
            #expect(try await database.interactions.get(id: "AA0101-5") == calls[3])
            #expect(try await database.reference.staff().map(\.code) == ["DORIT", "TOVA"])
            var changed = calls[0]
            changed.waitSeconds = 99
            await #expect(throws: OtklikError.self) { try await database.interactions.insert([changed], createMissingReferences: true) }
            var all: [Interaction] = []
            try await database.interactions.forEachChunk(size: 3) { all += $0 }
            #expect(all == calls.sorted { ($0.arrivedAt, $0.id) < ($1.arrivedAt, $1.id) })
        }
    }
}
