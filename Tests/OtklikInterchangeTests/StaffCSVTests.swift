import Foundation
import OtklikCore
import OtklikInterchange
import Testing

/// `otklik import staff` / `export staff`: code,name,location,role,email,team,hired_on,left_on.
@Suite struct StaffCSVTests {
    @Test func readsEmploymentDatesAndWritesThemBack() throws {
        let text = """
            code,name,location,role,email,team,hired_on,left_on
            S1,Анна Петрова,L01,operator,anna@example.ru,T1,2023-09-01,
            S2,"Иванов, Пётр",L02,,,,2021-01-15,2026-06-30
            S3,Ольга,,,,,,

            """
        let staff = try StaffCSV.parse(text)
        #expect(staff == [
            Staff(code: "S1", name: "Анна Петрова", location: "L01", role: "operator", email: "anna@example.ru", team: "T1", hiredOn: "2023-09-01"),
            Staff(code: "S2", name: "Иванов, Пётр", location: "L02", hiredOn: "2021-01-15", leftOn: "2026-06-30"),
            Staff(code: "S3", name: "Ольга"),
        ])
        #expect(try StaffCSV.parse(try StaffCSV.text(staff)) == staff, "the export reads back as the same staff")
    }

    @Test func refusesALeavingDateBeforeTheHiringDateWithItsLineAndColumn() {
        for (row, column) in [("S2,Пётр,,,,,2026-07-01,2026-06-30", "left_on"), ("S2,Пётр,,,,,2026-02-30,", "hired_on"), ("S2,Пётр,,,,,,30.06.2026", "left_on")] {
            do {
                _ = try StaffCSV.parse("code,name,location,role,email,team,hired_on,left_on\nS1,Анна,,,,,,\n\(row)\n")
                Issue.record("\(row) was accepted")
            } catch let error as OtklikError {
                #expect(error.field == "line 3, column \(column)", "\(row)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test func refusesACodeListedTwice() {
        #expect(throws: OtklikError.self) { try StaffCSV.parse("code,name\nS1,Анна\nS1,Ольга\n") }
    }
}
