import OtklikCore
import Testing

@testable import OtklikMetrics

/// Attrition against a hand-computed case: 2026, two locations, ten staff.
@Suite struct AttritionTests {
    static let staff: [Staff] = [
        Staff(code: "A", name: "A", location: "L01", team: "T1", hiredOn: "2020-05-01"),
        Staff(code: "B", name: "B", location: "L01", team: "T1", hiredOn: "2021-03-01", leftOn: "2026-03-15"),
        Staff(code: "C", name: "C", location: "L01", team: "T2", hiredOn: "2026-02-01"),
        Staff(code: "D", name: "D", location: "L01", team: "T2", hiredOn: "2026-04-01", leftOn: "2026-09-30"),
        Staff(code: "E", name: "E", location: "L01", leftOn: "2025-12-31"),
        Staff(code: "F", name: "F", location: "L01", hiredOn: "2019-01-01", leftOn: "2026-12-31"),
        Staff(code: "G", name: "G", location: "L02", hiredOn: "2025-06-01"),
        Staff(code: "H", name: "H", location: "L02"),
        Staff(code: "I", name: "I", location: "L02", hiredOn: "2025-01-10", leftOn: "2026-01-01"),
        Staff(code: "J", name: "J", location: "L02", hiredOn: "2027-01-01"),
    ]

    @Test func byLocationOverAYear() throws {
        let result = try Attrition.compute(staff: Self.staff, from: "2026-01-01", to: "2026-12-31", by: .location)
        // L01: at the start A, B, F (E left before); at the end A, C (F's last day is the period's last); hired C, D;
        // left B, D, F. Average (3 + 2) / 2 = 2.5, rate 3 / 2.5 = 120 %.
        let l01 = try #require(result.groups.first { $0.group == "L01" })
        #expect([l01.opening, l01.closing, l01.hires, l01.leavers] == [3, 2, 2, 3])
        #expect(l01.averageHeadCount == 2.5)
        #expect(abs((l01.rate ?? 0) - 120) < 1e-9)
        // L02: G, H, I at the start (I's last day is 1 January), G, H at the end (J starts next year); I left: 1 / 2.5 = 40 %.
        let l02 = try #require(result.groups.first { $0.group == "L02" })
        #expect([l02.opening, l02.closing, l02.hires, l02.leavers] == [3, 2, 0, 1])
        #expect(abs((l02.rate ?? 0) - 40) < 1e-9)
        #expect([result.total.opening, result.total.closing, result.total.hires, result.total.leavers] == [6, 4, 2, 4])
        #expect(abs((result.total.rate ?? 0) - 80) < 1e-9)
        #expect(result.withoutHiringDate == 2)
    }

    @Test func byMonthSplitsThePeriodAtMonthEnds() throws {
        let result = try Attrition.compute(staff: Self.staff, from: "2026-01-01", to: "2026-12-31", by: .month)
        #expect(result.groups.map(\.group) == (1...12).map { String(format: "2026-%02d", $0) })
        let january = result.groups[0]
        #expect(january.from == "2026-01-01" && january.to == "2026-01-31")
        // A, B, F, G, H, I at the start; I leaves on the 1st: 1 / 5.5.
        #expect([january.opening, january.closing, january.leavers] == [6, 5, 1])
        #expect(abs((january.rate ?? 0) - 100 / 5.5) < 1e-9)
        let march = result.groups[2]
        #expect([march.opening, march.closing, march.hires, march.leavers] == [6, 5, 0, 1], "B leaves on 15 March")
        for group in result.groups { #expect(group.closing == group.opening + group.hires - group.leavers) }
        #expect(result.groups.map(\.leavers).reduce(0, +) == result.total.leavers)
    }

    @Test func byTeamKeepsStaffWithoutATeamInTheirOwnGroup() throws {
        let result = try Attrition.compute(staff: Self.staff, from: "2026-01-01", to: "2026-12-31", by: .team)
        #expect(result.groups.map(\.group) == ["T1", "T2", nil])
        #expect(result.groups[0].leavers == 1 && result.groups[1].leavers == 1 && result.groups[2].leavers == 2)
    }

    @Test func nobodyEmployedGivesNoRate() throws {
        let result = try Attrition.compute(staff: [Staff(code: "J", name: "J", hiredOn: "2027-01-01")], from: "2026-01-01", to: "2026-01-31", by: .organisation)
        #expect(result.total.rate == nil)
    }

    @Test func aBadPeriodNamesItsField() {
        func field(_ from: String, _ to: String) -> String? {
            do {
                _ = try Attrition.compute(staff: [], from: from, to: to, by: .month)
                return nil
            } catch { return error.field }
        }
        #expect(field("2026-13-01", "2026-12-31") == "from")
        #expect(field("2026-01-01", "2026-02-30") == "to")
        #expect(field("2026-02-01", "2026-01-31") == "to")
    }

    @Test func employmentDatesAreChecked() {
        #expect(throws: OtklikError.self) { try Staff(code: "X", name: "X", hiredOn: "2026-02-30").validateEmployment() }
        do {
            try Staff(code: "X", name: "X", hiredOn: "2026-03-01", leftOn: "2026-02-28").validateEmployment()
            Issue.record("left_on before hired_on was accepted")
        } catch {
            #expect(error.field == "left_on")
        }
        #expect(throws: Never.self) { try Staff(code: "X", name: "X", hiredOn: "2026-03-01", leftOn: "2026-03-01").validateEmployment() }
    }
}
