import Foundation
import Testing
@testable import OtklikMetrics

@Suite struct CalendarAndReportTests {
    @Test func civilDates() {
        #expect(LocalCalendar.label(day: 0) == "1970-01-01")
        #expect(LocalCalendar.day(parsing: "2026-03-02") == 20_514)
        #expect(LocalCalendar.label(day: 20_514) == "2026-03-02")
        #expect(LocalCalendar.day(parsing: "2024-02-29").map(LocalCalendar.label(day:)) == "2024-02-29")
        #expect(LocalCalendar.day(parsing: "2026-13-01") == nil)
        #expect(LocalCalendar.label(monthIndex: LocalCalendar.monthIndex(of: 20_514)) == "2026-03")
    }

    /// Every day label of two centuries reads back to the day Foundation's Gregorian calendar counts from 1970-01-01;
    /// text that is not exactly `YYYY-MM-DD` is read as before (unpadded parts) or refused.
    @Test func dayLabelsReadBackToFoundationsDayCount() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let epoch = try #require(calendar.date(from: DateComponents(year: 1970, month: 1, day: 1)))
        var date = try #require(calendar.date(from: DateComponents(year: 1900, month: 1, day: 1)))
        let end = try #require(calendar.date(from: DateComponents(year: 2100, month: 1, day: 1)))
        var checked = 0
        while date < end {
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let label = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            let expected = calendar.dateComponents([.day], from: epoch, to: date).day!
            if LocalCalendar.day(parsing: label) != Int32(expected) { Issue.record("\(label): \(String(describing: LocalCalendar.day(parsing: label))) ≠ \(expected)"); break }
            checked += 1
            date = calendar.date(byAdding: .day, value: 1, to: date)!
        }
        #expect(checked == 73_049)
        #expect(LocalCalendar.day(parsing: "2026-3-2") == 20_514)
        for refused in ["2026-03-0x", "2026/03/02", "2026-00-10", "2026-03-32", "20260302", "", "2026-03-02-01", "２０２６-03-02"] {
            #expect(LocalCalendar.day(parsing: refused) == nil, "\(refused)")
        }
    }

    @Test func weeksStartOnMonday() {
        // 2026-03-05 is a Thursday; its week starts on Monday 2026-03-02
        #expect(LocalCalendar.weekStart(of: LocalCalendar.day(parsing: "2026-03-05")!) == LocalCalendar.day(parsing: "2026-03-02"))
        #expect(LocalCalendar.weekStart(of: LocalCalendar.day(parsing: "2026-03-02")!) == LocalCalendar.day(parsing: "2026-03-02"))
        #expect(LocalCalendar.weekStart(of: LocalCalendar.day(parsing: "2026-03-08")!) == LocalCalendar.day(parsing: "2026-03-02"))
    }

    @Test func localDayUsesTheTimeZone() {
        // 2026-03-01T22:30:00Z is already 2 March in Moscow (UTC+3)
        let moment = Date(timeIntervalSince1970: 1_772_404_200)
        #expect(LocalCalendar.label(day: LocalCalendar.day(of: moment, in: TimeZone(identifier: "UTC")!)) == "2026-03-01")
        #expect(LocalCalendar.label(day: LocalCalendar.day(of: moment, in: TimeZone(identifier: "Europe/Moscow")!)) == "2026-03-02")
    }

    @Test func reportJSONShape() throws {
        var low = Tally()
        low.add(nps: 10, csat: -1, ces: -1, button: 0)
        var high = Tally()
        for _ in 0..<40 { high.add(nps: 9, csat: -1, ces: -1, button: 0) }
        var overall = low
        overall.merge(high)
        let tallies = GroupedTallies(
            dimensions: [.location], groups: [.init(key: ["L01"], tally: high), .init(key: ["L02"], tally: low)], overall: overall)
        let report = MetricReport(metric: .nps, tallies: tallies, minimumN: 30)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try #require(try JSONSerialization.jsonObject(with: encoder.encode(report)) as? [String: Any])
        #expect(json["metric"] as? String == "nps")
        #expect((json["definition"] as? String)?.contains("adjusted-Wald") == true)
        let groups = try #require(json["groups"] as? [[String: Any]])
        #expect((groups[0]["key"] as? [String: String]) == ["location": "L01"])
        #expect(groups[0]["value"] as? Double == 100)
        #expect(groups[0]["n"] as? Int == 40)
        #expect(groups[0]["ci_low"] is Double && groups[0]["ci_high"] is Double)
        #expect(groups[1]["insufficient"] as? Bool == true)
        #expect(groups[1]["value"] is NSNull)
        let decoded = try JSONDecoder().decode(MetricReport.self, from: encoder.encode(report))
        #expect(decoded == report)
        #expect(report.renderTable().contains("insufficient (n<30)"))
    }

    @Test func rowsOfAScanAreKeyedAsRowsKeyedByADictionary() throws {
        // A report built from a scan keeps names and labels and builds each key when read: the same JSON, equality and
        // labels as rows given their dictionaries, and a key set later replaces them.
        var tally = Tally()
        for score in [10, 9, 3] { tally.add(nps: Int8(score), csat: -1, ces: -1, button: 0) }
        let tallies = GroupedTallies(
            dimensions: [.location, .day], groups: [.init(key: ["L01", "2026-03-02"], tally: tally), .init(key: ["", "2026-03-03"], tally: tally)],
            overall: tally)
        let report = MetricReport(metric: .nps, tallies: tallies, minimumN: 1)
        var keyed = report
        keyed.groups = report.groups.map { MetricReport.Group(key: $0.key, value: $0.value) }
        #expect(report.groups.map(\.key) == [["location": "L01", "day": "2026-03-02"], ["location": "", "day": "2026-03-03"]])
        #expect(report.groups.map { $0.label("day") } == ["2026-03-02", "2026-03-03"])
        #expect(report.groups[1].label("location") == "" && report.groups[1].label("service") == nil)
        #expect(keyed == report)
        for formatting in [JSONEncoder.OutputFormatting.sortedKeys, [.sortedKeys, .prettyPrinted]] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = formatting
            #expect(try encoder.encode(report) == encoder.encode(keyed))
        }
        var moved = report.groups[0]
        moved.key["segment"] = "S1"
        #expect(moved.key == ["location": "L01", "day": "2026-03-02", "segment": "S1"] && moved.label("segment") == "S1")
        #expect(moved != report.groups[0])
    }

    @Test func dimensionLists() throws {
        #expect(try GroupDimension.parseList("location, week") == [.location, .week])
        #expect(throws: GroupDimensionError.tooMany) { try GroupDimension.parseList("location,staff,day") }
        #expect(throws: GroupDimensionError.unknown("planet", allowed: GroupDimension.allCases.map(\.rawValue))) { try GroupDimension.parseList("planet") }
    }
}
