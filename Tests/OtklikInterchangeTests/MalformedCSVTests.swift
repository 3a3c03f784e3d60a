import Foundation
import OtklikCore
import OtklikInterchange
import Testing

/// Issue 15 item 21: malformed CSV is refused with its line and column by the one reader every import uses.
@Suite struct MalformedCSVTests {
    static let header = FeedbackCSVTests.header

    static func field(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as OtklikError {
            return error.field
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func anUnterminatedQuoteDoesNotSwallowTheFollowingRows() {
        let text = """
            \(Self.header)
            f1,2026-03-02T09:15:00Z,terminal,informative,L01,,,,9,,,,,"opens and never closes,,
            f2,2026-03-02T09:16:00Z,terminal,informative,L01,,,,9,,,,,fine,,
            f3,2026-03-02T09:17:00Z,terminal,informative,L01,,,,9,,,,,fine,,
            """
        #expect(Self.field { _ = try FeedbackCSV.parse(text) } == "line 2, column comment")
        let interactions = """
            \(InteractionCSVTests.header)
            c1,2026-03-02T09:15:00Z,call_center,,,,,"C1,,answered,1,,,,
            c2,2026-03-02T09:16:00Z,call_center,,,,,,,answered,1,,,,
            """
        #expect(Self.field { _ = try InteractionCSV.parse(interactions) } == "line 2, column customer")
        // Even when bad rows may be skipped: nothing after an open quote can be trusted.
        #expect(Self.field { _ = try InteractionCSV.parse(interactions, skipBad: true) } == "line 2, column customer")
    }

    @Test func aNulInACellIsRefusedNotTruncated() {
        let text = "\(Self.header)\nf1,2026-03-02T09:15:00Z,terminal,informative,L01,,,,9,,,,,before\u{0}after,,\n"
        #expect(Self.field { _ = try FeedbackCSV.parse(text) } == "line 2, column comment")
        // The same through the API's validation (a JSON "\u0000").
        var feedback = Feedback(id: "n1", ts: Date(), channel: .terminal, kind: .informative, nps: 9)
        feedback.comment = "before\u{0}after"
        #expect(throws: OtklikError.self) { try feedback.validate() }
    }

    @Test func textAfterAClosingQuoteIsRefused() {
        let text = "\(Self.header)\nf1,2026-03-02T09:15:00Z,terminal,informative,L01,,,,9,,,,,\"quoted\" tail,,\n"
        #expect(Self.field { _ = try FeedbackCSV.parse(text) } == "line 2, column comment")
    }

    @Test func theReaderStreamsAndCountsLinesInsideQuotes() throws {
        var reader = CSVReader(text: "\u{FEFF}a,b\r\n\"x\r\ny\",2\n\n3,\"q\"\"q\"\n")
        let records = try reader.all()
        #expect(records.map(\.cells) == [["a", "b"], ["x\r\ny", "2"], ["3", "q\"q"]])
        #expect(records.map(\.line) == [1, 2, 5])
        var open = CSVReader(text: "a,b\n1,\"2\n3,4\n")
        #expect(throws: CSVError(line: 2, column: 2, message: "a quoted cell is never closed (it opens here and runs to the end of the file)")) {
            _ = try open.all()
        }
    }
}
