import Foundation
import OtklikCore
import OtklikInterchange
import Testing

@Suite struct InteractionCSVTests {
    static let header = "id,arrived_at,channel,queue,location,agent,service,customer,topic,outcome,wait_s,talk_s,hold_s,wrap_s,transferred"

    @Test func parsesTheGenericFormat() throws {
        let text = [
            Self.header,
            "c1,2026-03-02T09:15:00Z,call_center,cards,,A1,,C9,blocked_card,answered,12.5,180,20,30,true",
            "c2,2026-03-02T09:16:00Z,chat,cards,,,,,,abandoned,40,,,,",
        ].joined(separator: "\r\n")
        let (records, skipped) = try InteractionCSV.parse(text)
        #expect(skipped.isEmpty)
        #expect(records.map(\.line) == [2, 3])
        #expect(records[0].record.handleSeconds == 230)
        #expect(records[0].record.transferred)
        #expect(records[1].record.outcome == .abandoned)
    }

    @Test(arguments: [
        ("c1,yesterday,call_center,,,,,,,answered,1,,,,", "line 2, column arrived_at"),
        ("c1,2026-03-02T09:15:00Z,call_center,,,,,,,answered,-3,,,,", "line 2, column wait_s"),
        ("c1,2026-03-02T09:15:00Z,call_center,,,,,,,lost,1,,,,", "line 2, column outcome"),
        ("c1,2026-03-02T09:15:00Z,call_center,,,,,,,abandoned,,,,,", "line 2, column wait_s"),
        ("c1,2026-03-02T09:15:00Z,call_center,,,,,,,abandoned,5,60,,,", "line 2, column talk_s"),
        ("c1,2026-03-02T09:15:00Z,call_center,,,,,,,answered,1,,,,maybe", "line 2, column transferred"),
    ])
    func badRowsNameLineAndColumn(row: String, field: String) {
        do {
            _ = try InteractionCSV.parse(Self.header + "\n" + row)
            Issue.record("accepted: \(row)")
        } catch let error as OtklikError {
            #expect(error.field == field, "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// `transferred` takes true/false in any case and 1/0; anything else names the column.
    @Test(arguments: [("true", true), ("TRUE", true), ("True", true), ("1", true), ("false", false), ("FALSE", false), ("0", false)])
    func transferredFlags(text: String, expected: Bool) throws {
        let row = "c1,2026-03-02T09:15:00Z,call_center,,,,,,,answered,1,,,,\(text)"
        #expect(try InteractionCSV.parse(Self.header + "\n" + row).records[0].record.transferred == expected)
    }

    @Test(arguments: ["yes", "2", "t", "truee", " true"])
    func otherTransferredTextsAreRefused(text: String) {
        #expect(throws: OtklikError.self) { try InteractionCSV.parse(Self.header + "\nc1,2026-03-02T09:15:00Z,call_center,,,,,,,answered,1,,,,\(text)") }
    }

    @Test func skipBadListsTheRefusedRows() throws {
        let text = [Self.header, "c1,2026-03-02T09:15:00Z,call_center,,,,,,,answered,1,,,,", "c2,bad,call_center,,,,,,,answered,1,,,,"]
            .joined(separator: "\n")
        let (records, skipped) = try InteractionCSV.parse(text, skipBad: true)
        #expect(records.count == 1)
        #expect(skipped == [ImportProblem(line: 3, message: "column arrived_at: arrived_at must be an ISO-8601 time such as 2026-03-02T09:15:00Z")])
    }
}
