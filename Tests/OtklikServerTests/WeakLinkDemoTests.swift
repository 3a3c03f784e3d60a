import Foundation
import OtklikCore
import OtklikMetrics
import Testing
@testable import OtklikServer

/// The weak links of the README's demo at its default size (220,000 records): the planted weak staff (S013 at
/// L02, S052 at L08), the weak office L07 and the hard service SV07 — and nobody else, whatever the period.
@Suite struct WeakLinkDemoTests {
    static let zone = TimeZone(identifier: "Europe/Moscow")!
    static let end = DemoDataTests.end

    /// The demo's feedback in an engine, as `otklik demo` stores it (same generator, seed and count).
    static func demo() async throws -> Analytics {
        let analytics = Analytics(timeZone: zone)
        for location in DemoCatalogue.locations { try await analytics.setRegion(location.region, ofLocation: location.code) }
        var generator = DemoFeedbackGenerator(seed: 2026, end: end)
        for start in stride(from: 0, to: DemoSeeder.defaultRecords, by: 20_000) {
            try await analytics.append((start..<(start + 20_000)).map { generator.make(index: $0 + 1) })
        }
        return analytics
    }

    static func filters(days: Int, location: String? = nil) throws -> DashboardFilters {
        let last = LocalCalendar.day(of: end.addingTimeInterval(-1), in: zone)
        var query = ["from": LocalCalendar.label(day: last - Int32(days) + 1), "to": LocalCalendar.label(day: last)]
        query["location"] = location
        return try DashboardFilters(query: query, timeZone: zone)
    }

    static func flagged(_ links: [WeakLinkFinder.Link], _ dimension: GroupDimension) -> Set<String> {
        Set(links.filter { $0.dimension == dimension }.map(\.code))
    }

    @Test(arguments: [90, 365]) func plantedWeakLinksAndNoOthers(days: Int) async throws {
        let analytics = try await Self.demo()
        let links = try await WeakLinkFinder(analytics: analytics, minimumN: 30).find(try Self.filters(days: days))
        #expect(Self.flagged(links, .staff) == ["S013", "S052"])
        #expect(Self.flagged(links, .location) == ["L07"])
        #expect(Self.flagged(links, .service) == ["SV07"])
        #expect(links.contains { $0.dimension == .service && $0.code == "SV07" && $0.finding.metric == .ces })
        // Staff are shown with their location (their peers), gaps in the metric's unit beyond the minimum.
        #expect(Set(links.filter { $0.dimension == .staff }.compactMap(\.location)) == ["L02", "L08"])
        for link in links { #expect(link.finding.gap <= -WeakLinkTest.minimumGap(link.finding.metric)) }
    }

    /// The demo's summer dip starts on 15 July 2026 in every office: the NPS alerts find it in at least ten of the
    /// twelve, each within a week, the run starting within two days of the 15th; over the year the other alarms stay
    /// under one per location (the detector's rate, ``NPSShiftDetector``).
    @Test func theSummerDipRaisesAlerts() async throws {
        let analytics = try await Self.demo()
        let summer = try DashboardFilters(query: ["from": "2026-07-01", "to": "2026-08-31"], timeZone: Self.zone)
        let alerts = try await NPSAlertFinder(analytics: analytics).find(summer)
        let dip = LocalCalendar.day(parsing: "2026-07-15")!
        let found = alerts.filter { abs(Int($0.since) - Int(dip)) <= 2 && $0.day - dip < 7 }
        #expect(found.count >= 10, "\(alerts.map { ($0.location, LocalCalendar.label(day: $0.since), LocalCalendar.label(day: $0.day)) })")
        let year = try await NPSAlertFinder(analytics: analytics).alarms(try Self.filters(days: 365))
        let others = year.filter { abs(Int($0.since) - Int(dip)) > 2 }
        #expect(others.count <= 12, "under one false alarm per location-year: \(others.map { ($0.location, LocalCalendar.label(day: $0.day)) })")
        print("demo NPS alerts over the year: \(year.count - others.count) at the summer dip, \(others.count) elsewhere")
    }

    /// The weak office's drill-down agrees with the network's list: no staff of L07 stand out among their peers,
    /// the office itself does; L02's drill-down shows S013.
    @Test func drillDownAgreesWithTheNetworkList() async throws {
        let analytics = try await Self.demo()
        let finder = WeakLinkFinder(analytics: analytics, minimumN: 30)
        let network = try await finder.find(try Self.filters(days: 90))
        let weakOffice = try Self.filters(days: 90, location: "L07")
        let inL07 = WeakLinkFinder.shown(try await finder.find(weakOffice), filters: weakOffice)
        #expect(Self.flagged(inL07, .staff).isEmpty)
        #expect(Self.flagged(inL07, .location) == ["L07"])
        let other = try Self.filters(days: 90, location: "L02")
        let inL02 = WeakLinkFinder.shown(try await finder.find(other), filters: other)
        #expect(Self.flagged(inL02, .staff) == ["S013"])
        let staffOfL07 = Set(DemoCatalogue.staff.filter { $0.location == "L07" }.map(\.code))
        #expect(Self.flagged(network, .staff).isDisjoint(with: staffOfL07))
    }

    /// Weak-link cells are highlighted in the dashboard's tables on every integral metric they are flagged on:
    /// L07 in the locations table, SV07's CES in the services table, S013 in L02's staff table.
    @Test func tableCellsAreHighlighted() async throws {
        let analytics = try await Self.demo()
        let builder = DashboardBuilder(analytics: analytics, names: ReferenceNames(), minimumN: 30, text: [:])
        func weakCells(_ page: DashboardPage, table: Int, code: String) -> Set<String> {
            let cells = page.tables[table].rows.first { $0.code == code }?.cells ?? []
            return Set(zip(DashboardBuilder.tableMetrics, cells).filter { $0.1.weak }.map(\.0.rawValue))
        }
        let network = try Self.filters(days: 90)
        let page = try await builder.build(network)
        let links = WeakLinkFinder.shown(try await WeakLinkFinder(analytics: analytics, minimumN: 30).find(network), filters: network)
        let expectedL07 = Set(links.filter { $0.code == "L07" }.map(\.finding.metric.rawValue))
        #expect(!expectedL07.isEmpty)
        #expect(weakCells(page, table: 0, code: "L07") == expectedL07)
        #expect(weakCells(page, table: 1, code: "SV07").contains("ces"))
        #expect(weakCells(page, table: 0, code: "L01").isEmpty)
        let l02 = try await builder.build(try Self.filters(days: 90, location: "L02"))
        #expect(!weakCells(l02, table: 0, code: "S013").isEmpty)
        #expect(weakCells(l02, table: 0, code: "S002").isEmpty)
        // Every integral metric is tested: weak-link metrics are the table's metrics.
        #expect(DashboardBuilder.weakLinkMetrics == DashboardBuilder.tableMetrics)
    }
}
