import Foundation
import OtklikCore
import OtklikInterchange
import Testing

@Suite struct ProcessCSVTests {
    static let header = "id,service,location,channel,customer,submitted_at,status,closed_at,cost"

    @Test func requestsParseWithLineNumbers() throws {
        let text = [
            Self.header,
            "r1,passport,L1,web,C1,2026-03-02T09:00:00Z,completed,2026-03-05T12:00:00Z,1500",
            "r2,tax,L1,other,,2026-03-02T10:00:00Z,open,,",
        ].joined(separator: "\n")
        let (records, skipped) = try ServiceRequestJSON.parseCSV(text, skipBad: false)
        #expect(skipped.isEmpty)
        #expect(records.map(\.line) == [2, 3])
        #expect(records[0].record.cost == 1500)
        #expect(records[1].record.status == .open)
    }

    @Test(arguments: [
        ("r1,passport,,web,,2026-03-02T09:00:00Z,completed,,", "line 2, column closed_at"),
        ("r1,passport,,web,,2026-03-02T09:00:00Z,open,2026-03-03T09:00:00Z,", "line 2, column closed_at"),
        ("r1,passport,,web,,2026-03-02T09:00:00Z,completed,2026-03-01T09:00:00Z,", "line 2, column closed_at"),
        ("r1,passport,,fax,,2026-03-02T09:00:00Z,open,,", "line 2, column channel"),
        ("r1,passport,,web,,2026-03-02T09:00:00Z,done,,", "line 2, column status"),
        ("r1,passport,,web,,2026-03-02T09:00:00Z,completed,2026-03-03T09:00:00Z,-5", "line 2, column cost"),
        ("r1,passport,,web,,2026-03-02T09:00:00Z,completed,2026-03-03T09:00:00Z,cheap", "line 2, column cost"),
    ])
    func badRequestRowsNameLineAndColumn(row: String, field: String) {
        do {
            _ = try ServiceRequestJSON.parseCSV(Self.header + "\n" + row, skipBad: false)
            Issue.record("accepted: \(row)")
        } catch let error as OtklikError {
            #expect(error.field == field, "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func skipBadListsTheLinesLeftOut() throws {
        let text = "agent,state,start,end\nA1,handling,2026-03-02T09:00:00Z,2026-03-02T09:05:00Z\nA1,lunch,2026-03-02T09:05:00Z,2026-03-02T09:35:00Z\nA1,available,2026-03-02T10:00:00Z,2026-03-02T09:00:00Z\n"
        let (records, skipped) = try AgentStateJSON.parseCSV(text, skipBad: true)
        #expect(records.count == 1)
        #expect(skipped.map(\.line) == [3, 4])
        #expect(skipped[0].message.contains("column state"))
        #expect(skipped[1].message.contains("column end"))
    }

    @Test func calendarRefusesBadDatesAndRepeats() throws {
        let days = try CalendarCSV.parse("date,working,name\n2026-01-07,holiday,Рождество\n2026-11-01,working,\n")
        #expect(days == [CalendarDay(date: "2026-01-07", working: false, name: "Рождество"), CalendarDay(date: "2026-11-01", working: true)])
        #expect(throws: OtklikError.self) { try CalendarCSV.parse("date,working\n2026-02-30,holiday\n") }
        #expect(throws: OtklikError.self) { try CalendarCSV.parse("date,working\n2026-01-07,holiday\n2026-01-07,working\n") }
        #expect(throws: OtklikError.self) { try CalendarCSV.parse("date,working\n2026-01-07,maybe\n") }
    }
}
