import Foundation
import OtklikMetrics
import Testing

/// When a monthly report subscription is due, by hand: its day falls on that day of each month or the month's last
/// day; from then to the month's end the previous month's report is due; a subscription made after the month's report
/// day waits for the next month.
@Suite struct ReportScheduleTests {
    static func day(_ text: String) -> Int32 { LocalCalendar.day(parsing: text)! }
    static func month(_ index: Int32?) -> String? { index.map { LocalCalendar.label(monthIndex: $0) } }
    static let longAgo = day("2025-01-01")

    @Test func theDayFallsOnTheMonthsLastDayWhenTheMonthIsShorter() {
        func reportDay(_ month: String, _ day: Int) -> String {
            let parts = month.split(separator: "-").map { Int32($0)! }
            return LocalCalendar.label(day: ReportSchedule.reportDay(monthIndex: parts[0] * 12 + parts[1] - 1, day: day))
        }
        #expect(reportDay("2027-01", 31) == "2027-01-31")
        #expect(reportDay("2027-02", 31) == "2027-02-28", "February 2027 has 28 days")
        #expect(reportDay("2028-02", 31) == "2028-02-29", "2028 is a leap year")
        #expect(reportDay("2028-02", 29) == "2028-02-29" && reportDay("2027-02", 29) == "2027-02-28")
        #expect(reportDay("2026-04", 31) == "2026-04-30" && reportDay("2026-04", 30) == "2026-04-30")
        #expect(reportDay("2026-12", 1) == "2026-12-01" && reportDay("2100-02", 29) == "2100-02-28", "2100 is not a leap year")
    }

    @Test func dueFromTheDayToTheMonthsEndForThePreviousMonth() {
        // Day 31: January's report day is 31 January (December's report); February's is the 28th in 2027, the 29th in 2028.
        #expect(Self.month(ReportSchedule.dueMonth(today: Self.day("2027-01-30"), day: 31, createdDay: Self.longAgo)) == nil)
        #expect(Self.month(ReportSchedule.dueMonth(today: Self.day("2027-01-31"), day: 31, createdDay: Self.longAgo)) == "2026-12")
        #expect(Self.month(ReportSchedule.dueMonth(today: Self.day("2027-02-27"), day: 31, createdDay: Self.longAgo)) == nil)
        #expect(Self.month(ReportSchedule.dueMonth(today: Self.day("2027-02-28"), day: 31, createdDay: Self.longAgo)) == "2027-01")
        #expect(Self.month(ReportSchedule.dueMonth(today: Self.day("2028-02-28"), day: 31, createdDay: Self.longAgo)) == nil)
        #expect(Self.month(ReportSchedule.dueMonth(today: Self.day("2028-02-29"), day: 31, createdDay: Self.longAgo)) == "2028-01")
        #expect(Self.month(ReportSchedule.dueMonth(today: Self.day("2028-02-29"), day: 29, createdDay: Self.longAgo)) == "2028-01")
        #expect(Self.month(ReportSchedule.dueMonth(today: Self.day("2027-02-28"), day: 29, createdDay: Self.longAgo)) == "2027-01")
        // Day 1 (the default): on the 1st and every later day of the month, the previous month; January reports December.
        #expect(Self.month(ReportSchedule.dueMonth(today: Self.day("2027-01-01"), day: 1, createdDay: Self.longAgo)) == "2026-12")
        #expect(Self.month(ReportSchedule.dueMonth(today: Self.day("2026-11-17"), day: 1, createdDay: Self.longAgo)) == "2026-10",
                "a server down on the day sends when it comes back")
        // The same day asked again (a restart) gives the same month: the mailing's key makes it one mail.
        let first = ReportSchedule.dueMonth(today: Self.day("2026-11-01"), day: 1, createdDay: Self.longAgo)
        #expect(first == ReportSchedule.dueMonth(today: Self.day("2026-11-01"), day: 1, createdDay: Self.longAgo))
    }

    @Test func aSubscriptionMadeAfterTheReportDayWaitsForTheNextMonth() {
        // Made on 15 November with day 1: November's report day had passed; the first mail is 1 December's (November).
        #expect(ReportSchedule.dueMonth(today: Self.day("2026-11-15"), day: 1, createdDay: Self.day("2026-11-15")) == nil)
        #expect(Self.month(ReportSchedule.dueMonth(today: Self.day("2026-12-01"), day: 1, createdDay: Self.day("2026-11-15"))) == "2026-11")
        // Made on the report day itself: due that day.
        #expect(Self.month(ReportSchedule.dueMonth(today: Self.day("2026-11-20"), day: 20, createdDay: Self.day("2026-11-20"))) == "2026-10")
    }
}
