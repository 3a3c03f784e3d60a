import Foundation
import OtklikCore
import OtklikInterchange
import Testing

@Suite struct FeedbackCSVTests {
    static let header = "id,ts,channel,kind,location,staff,service,customer,nps,csat,ces,button,reasons,comment,contact,lang"

    @Test func parsesAValidFile() throws {
        let text = """
            \(Self.header)
            f1,2026-03-02T09:15:00Z,terminal,informative,L01,S01,SV1,,9,5,6,,waiting_time;queue,"Быстро, вежливо",,ru
            f2,2026-03-02T09:16:00.250+03:00,button,,L01,,,,,,,negative,,,,
            f3,2026-03-02T10:00:00Z,qr_web,,L02,,,C1,2,,,,,Долго,+7 900 000-00-00,
            """
        let records = try FeedbackCSV.parse(text)
        #expect(records.count == 3)
        #expect(records[0].feedback.reasons == ["waiting_time", "queue"])
        #expect(records[0].feedback.comment == "Быстро, вежливо")
        #expect(records[1].feedback.kind == .impulse)
        #expect(records[1].feedback.ts.timeIntervalSince1970 == 1_772_432_160.25)
        #expect(records[2].feedback.kind == .complaint)
        #expect(records.map(\.line) == [2, 3, 4])
    }

    @Test func reportsLineAndColumnOfTheFirstBadValue() throws {
        let text = """
            \(Self.header)
            f1,2026-03-02T09:15:00Z,terminal,informative,L01,,,,9,,,,,"две
            строки",,
            f2,2026-03-02T09:15:00Z,terminal,informative,L01,,,,11,,,,,,,
            """
        do {
            _ = try FeedbackCSV.parse(text)
            Issue.record("nps 11 was accepted")
        } catch let error as OtklikError {
            #expect(error.field == "line 4, column nps")
            #expect(error.message.contains("0-10"))
        }
    }

    static let badInputs = [
        ("id,ts\nf1,2026-03-02T09:15:00Z\n", "line 1", "missing required column 'channel'"),
        ("id,ts,channel,planet\n", "line 1, column planet", "unknown column"),
        ("id,ts,channel\nf1,yesterday,terminal\n", "line 2, column ts", "ISO-8601"),
        ("id,ts,channel\nf1,2026-03-02T09:15:00Z,pigeon\n", "line 2, column channel", "not a channel"),
        ("id,ts,channel,nps\nf1,2026-03-02T09:15:00Z,terminal,ten\n", "line 2, column nps", "not an integer"),
        ("id,ts,channel,kind\nf1,2026-03-02T09:15:00Z,terminal,complaint\n", "line 2, column contact", "contact"),
        ("id,ts,channel,nps\nf1,2026-03-02T09:15:00Z,terminal,5,6\n", "line 2", "expected 4 cells"),
        ("id,ts,channel,nps\nf1,2026-03-02T09:15:00Z,terminal,5\nf2,2099-03-02T09:15:00Z,terminal,5\n", "line 3, column ts", "future"),
        ("id,ts,channel,nps\n,2026-03-02T09:15:00Z,terminal,5\n", "line 2, column id", "id is empty"),
    ]

    @Test(arguments: badInputs)
    func refusesBadInput(text: String, field: String, message: String) {
        do {
            _ = try FeedbackCSV.parse(text)
            Issue.record("accepted: \(text)")
        } catch let error as OtklikError {
            #expect(error.field == field)
            #expect(error.message.contains(message), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func roundTripKeepsEveryColumn() throws {
        let items = [
            Feedback(id: "r1", ts: Date(timeIntervalSince1970: 1_772_000_000.5), channel: .qrWeb, kind: .complaint, location: "L1",
                     staff: "S1", service: "SV1", customer: "C1", nps: 0, csat: 1, ces: 7, button: .neutral, reasons: ["a", "b"],
                     comment: "quote \" comma , newline\nend", contact: "a@b.c", lang: "en"),
            Feedback(id: "r2", ts: Date(timeIntervalSince1970: 1_772_000_100), channel: .button, kind: .impulse, button: .positive),
            Feedback(id: "r3", ts: Date(timeIntervalSince1970: 1_772_000_200), channel: .qrWeb, kind: .complaint, location: "L1", csat: 1,
                     comment: "=HYPERLINK(\"http://evil.example\")", contact: "+7 900 000-00-00"),
        ]
        let writer = try FeedbackCSV.writer()
        for item in items { try writer.write(FeedbackCSV.cells(item)) }
        let text = writer.text
        #expect(text.hasPrefix(Self.header + "\n"))
        // Issue 15 item 24: a spreadsheet sees text, not a formula; Otklik reads its own export back unchanged.
        #expect(text.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\")\",'+7 900 000-00-00,"))
        #expect(!text.contains(",=") && !text.contains(",+7"))
        let parsed = try FeedbackCSV.parse(text).map(\.feedback)
        #expect(parsed == items)
    }

    static func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-fbcsv-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Issue 22: a streamed file gives the records, lines and errors ``FeedbackCSV/parse(_:now:progress:)`` gives.
    @Test func streamingReadsWhatParsingReads() throws {
        let text = """
            \(Self.header)
            f1,2026-03-02T09:15:00Z,terminal,informative,L01,S01,SV1,,9,5,6,,waiting_time;queue,"Быстро,
            вежливо",,ru
            f2,2026-03-02T09:16:00.250+03:00,button,,L01,,,,,,,negative,,,,
            f3,2026-03-02T10:00:00Z,qr_web,,L02,,,C1,2,,,,,Долго,+7 900 000-00-00,
            f4,2026-03-02T10:01:00Z,terminal,,L02,,,,7,,,,,,,
            f5,2026-03-02T10:02:00Z,terminal,,L03,,,,,3,,,,,,
            """
        let path = try Self.file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let stream = try FeedbackCSV.stream(path: path)
        var chunks: [[ImportRecord<Feedback>]] = []
        while let chunk = try stream.next(limit: 2) { chunks.append(chunk) }
        #expect(chunks.map(\.count) == [2, 2, 1])
        let parsed = try FeedbackCSV.parse(text)
        #expect(chunks.joined().map(\.line) == parsed.map(\.line))
        #expect(chunks.joined().map(\.line) == [2, 4, 5, 6, 7])
        #expect(chunks.joined().map(\.record) == parsed.map(\.feedback))
    }

    @Test(arguments: badInputs)
    func streamingRefusesBadInputAsParsingDoes(text: String, field: String, message: String) throws {
        let path = try Self.file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let stream = try FeedbackCSV.stream(path: path)
            while try stream.next(limit: 1) != nil {}
            Issue.record("accepted: \(text)")
        } catch let error as OtklikError {
            #expect(error.field == field)
            #expect(error.message.contains(message), "\(error.message)")
        }
    }
}
