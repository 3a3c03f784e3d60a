import Foundation
import OtklikClickHouse
import OtklikCore
import OtklikMetrics
import Testing

/// What the contract suite cannot say about ClickHouse: de-duplication by id (the change feed delivers at least once)
/// and values that would break SQL or the row format if they were not escaped. Runs when `OTKLIK_TEST_CLICKHOUSE_URL`
/// names a server (scripts/test starts one on 127.0.0.1).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["OTKLIK_TEST_CLICKHOUSE_URL"] != nil))
struct ClickHouseFeedbackBackendTests {
    static let utc = TimeZone(identifier: "UTC")!

    func backend() throws -> ClickHouseFeedbackBackend {
        try ClickHouseFeedbackBackend(
            connection: ClickHouseConnection(url: ProcessInfo.processInfo.environment["OTKLIK_TEST_CLICKHOUSE_URL"]!),
            database: "otklik_contract", table: "facts_" + UUID().uuidString.replacingOccurrences(of: "-", with: ""),
            timeZone: Self.utc)
    }

    static func fact(_ seconds: Double, location: String?, nps: Int?) -> FeedbackFact {
        FeedbackFact(ts: Date(timeIntervalSince1970: 1_772_000_000 + seconds), channel: .terminal, kind: .informative, location: location, nps: nps)
    }

    /// The same three facts appended twice (a consumer that stopped before saving its position) and once more in a
    /// later insert: three records, one promoter, one detractor.
    @Test func appendingTheSameIdsAgainChangesNothing() async throws {
        let backend = try backend()
        let facts = [
            ClickHouseFeedbackBackend.IdentifiedFact(id: "fb-1", fact: Self.fact(0, location: "L1", nps: 10)),
            ClickHouseFeedbackBackend.IdentifiedFact(id: "fb-2", fact: Self.fact(60, location: "L1", nps: 3)),
            ClickHouseFeedbackBackend.IdentifiedFact(id: "fb-3", fact: Self.fact(120, location: "L2", nps: 8)),
        ]
        try await backend.append(identified: facts)
        try await backend.append(identified: facts)
        try await backend.append(identified: [facts[1]])
        #expect(try await backend.count() == 3)
        let overall = try await backend.tally(FeedbackQuery()).overall
        #expect([overall.count, overall.npsN, overall.promoters, overall.detractors] as [Int] == [3, 3, 1, 1])
        let byLocation = try await backend.tally(FeedbackQuery(groupBy: [.location]))
        #expect(byLocation.groups.map(\.key) == [["L1"], ["L2"]])
        #expect(byLocation.groups.map(\.tally.count) == [2, 1])
        try await backend.drop()
    }

    /// Quotes, backslashes, tabs, newlines and Cyrillic in codes round-trip as labels and as filters, and a value
    /// written as an injection attempt is only ever a value.
    @Test func awkwardValuesAreOnlyValues() async throws {
        let backend = try backend()
        let awkward = ["O'Brien", #"back\slash"#, "tab\there", "new\nline", "Отделение №1", "x') OR 1=1 --"]
        try await backend.append(awkward.enumerated().map { Self.fact(Double($0.offset), location: $0.element, nps: 9) })
        try await backend.setRegion("Регион 'Север'", ofLocation: "O'Brien")
        let byLocation = try await backend.tally(FeedbackQuery(groupBy: [.location]))
        #expect(byLocation.groups.map { $0.key[0] } == awkward.sorted())
        for value in awkward {
            #expect(try await backend.tally(FeedbackQuery(locations: [value])).overall.count == 1, "\(value)")
        }
        #expect(try await backend.tally(FeedbackQuery(regions: ["Регион 'Север'"])).overall.count == 1)
        #expect(try await backend.count() == awkward.count)
        try await backend.drop()
    }
}

/// The SQL text itself, without a server.
@Suite struct ClickHouseSQLTests {
    @Test func literalsEscapeQuotesBackslashesAndControlCharacters() {
        #expect(ClickHouseSQL.literal("a'b") == #"'a\'b'"#)
        #expect(ClickHouseSQL.literal(#"a\'b"#) == #"'a\\\'b'"#)
        #expect(ClickHouseSQL.literal("a\nb\tc\u{1}") == #"'a\nb\tc\x01'"#)
        #expect(ClickHouseSQL.list(["b", "a"]) == "('a', 'b')")
    }

    @Test func namesOutsideLettersDigitsAndUnderscoreAreRefused() throws {
        #expect(throws: ClickHouseError.invalidName("facts; DROP TABLE x")) { try ClickHouseSQL.name("facts; DROP TABLE x") }
        #expect(throws: ClickHouseError.invalidName("1facts")) { try ClickHouseSQL.name("1facts") }
        #expect(throws: ClickHouseError.invalidName("")) { try ClickHouseSQL.name("") }
        #expect(try ClickHouseSQL.name("otklik_facts_2") == "otklik_facts_2")
    }

    @Test func tabSeparatedEscapesAreUndone() {
        #expect(ClickHouseSQL.unescapeTabSeparated(#"a\tb\nc\\d\'e"#) == "a\tb\nc\\d'e")
    }

    @Test func aURLThatIsNotHTTPIsRefusedWithoutShowingItsPassword() {
        #expect(throws: ClickHouseError.invalidURL("ftp://…@host")) { try ClickHouseConnection(url: "ftp://u:secret@host") }
    }
}
