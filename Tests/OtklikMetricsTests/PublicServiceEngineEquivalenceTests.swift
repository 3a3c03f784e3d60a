import Foundation
import OtklikCore
import Testing
@testable import OtklikMetrics

/// The columnar public-service engine (``PublicServiceFacts`` over ``RequestTable`` and the contact columns) against
/// the row-by-row computation (``ReferencePublicServiceFacts``): every KPI, by dimensions and pairs of them, with
/// filters and time ranges, on generated requests and contacts with the edge cases (missing costs, customers and
/// locations, re-submitted ids, contacts linked to requests held and not held, e-mails pending and overdue, waits of
/// exactly the phone threshold, holidays and a worked Saturday). The same groups, equal n, values to 1e-9 relative,
/// the same notes.
@Suite struct PublicServiceEngineEquivalenceTests {
    typealias Random = CallEngineEquivalenceTests.Random
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    /// Sunday 2026-03-01 00:00 Berlin (UTC+1); DST starts on 03-29, inside the data.
    static let start = Date(timeIntervalSince1970: 1_772_319_600)
    static let days = 60

    static func requests(count: Int, seed: UInt64, ids: Int) -> [ServiceRequest] {
        var random = Random(state: seed)
        return (0..<count).map { _ in
            var seconds = Double(random.int(days * 86_400))
            if random.chance(0.02) { seconds = Double(random.int(days)) * 86_400 }
            let status = random.pick(RequestStatus.allCases + [.completed, .completed])
            return ServiceRequest(
                id: "R\(random.int(ids))", service: random.pick(["passport", "S1", "S2", "S3"]), location: random.pick(["L1", "L2", "L3", "L4", nil]),
                channel: random.pick([.web, .mobileApp, .callCenter, .email, .button, .web]),
                customer: random.chance(0.3) ? nil : "C\(random.int(250))", submittedAt: start.addingTimeInterval(seconds), status: status,
                cost: random.chance(0.3) ? nil : Double(random.int(5_000)) / 4)
        }
    }

    static func contacts(count: Int, seed: UInt64, requestIds: Int) -> [Interaction] {
        var random = Random(state: seed)
        return (0..<count).map { index in
            let seconds = Double(random.int(days * 86_400))
            let channel = random.pick([Channel.callCenter, .callCenter, .email, .email, .web, .mobileApp, .chat])
            let r = random.int(100)
            let outcome: InteractionOutcome = r < 10 ? .selfService : r < 35 ? .abandoned : .answered
            // E-mails wait up to 8 days for their answer; calls around the 60 s threshold.
            let wait: Double? = outcome == .selfService ? nil
                : channel == .email ? Double(random.int(8 * 86_400)) : random.pick([0, 20, 59, 60, 61, 120, nil])
            return Interaction(
                id: "i\(seed)-\(index)", channel: channel, queue: random.pick(["PS", "NW", nil]), location: random.pick(["L1", "L2", "L3", "L4", nil]),
                staff: outcome == .answered ? random.pick(["A1", "A2", nil]) : nil, service: random.pick(["passport", "S1", "S9", nil]),
                customer: random.chance(0.3) ? nil : "C\(random.int(300))", arrivedAt: start.addingTimeInterval(seconds), outcome: outcome,
                waitSeconds: wait, talkSeconds: outcome == .answered ? 60 : nil,
                request: random.chance(0.4) ? nil : "R\(random.int(requestIds))")
        }
    }

    static let calendar = WorkingCalendar([
        CalendarDay(date: "2026-03-09", working: false, name: "moved holiday"),
        CalendarDay(date: "2026-03-14", working: true),
        CalendarDay(date: "2026-04-01", working: false),
    ])

    static let kpis: [PublicServiceKPI] = {
        var list = PublicServiceKPI.Kind.allCases.map { PublicServiceKPI(kind: $0) }
        var phone = PublicServiceKPI(kind: .phoneAnswered)
        phone.phoneThreshold = 20
        var email = PublicServiceKPI(kind: .emailAnswered)
        email.emailWorkingDays = 1
        var sameDay = PublicServiceKPI(kind: .emailAnswered)
        sameDay.emailWorkingDays = 0
        var webOnly = PublicServiceKPI(kind: .platformUsers)
        webOnly.onlineChannels = [.web]
        var share = PublicServiceKPI(kind: .onlineShare)
        share.onlineChannels = [.mobileApp, .email]
        return list + [phone, email, sameDay, webOnly, share]
    }()

    static let dimensionSets: [[CallDimension]] = [
        [], [.service], [.location], [.region], [.channel], [.hour], [.day], [.week], [.month],
        [.service, .month], [.region, .hour], [.week, .channel], [.location, .day], [.queue], [.agent, .day],
    ]

    static let queries: [ProcessQuery] = [
        ProcessQuery(),
        ProcessQuery(filter: CallFilter(services: ["passport", "S1"])),
        ProcessQuery(filter: CallFilter(regions: ["North"])),
        ProcessQuery(filter: CallFilter(locations: ["L1", "L4"], regions: ["North"], channels: ["web", "email", "call_center"])),
        ProcessQuery(filter: CallFilter(services: ["nowhere"])),
        ProcessQuery(filter: CallFilter(queues: ["PS"])),
        ProcessQuery(from: start.addingTimeInterval(7 * 86_400), to: start.addingTimeInterval(20 * 86_400 + 3_600.5)),
        ProcessQuery(to: start.addingTimeInterval(10 * 86_400), minimumN: 30),
    ]

    /// Both engines given the same batches (requests re-submitted across them) and calendar.
    static func engines(
        _ requestBatches: [[ServiceRequest]], _ contacts: [Interaction], options: ScanOptions
    ) -> (PublicServiceFacts, ReferencePublicServiceFacts, CallFacts) {
        var calls = CallFacts(timeZone: berlin)
        for (location, region) in [("L1", "North"), ("L2", "North"), ("L3", "South")] { calls.setRegion(region, ofLocation: location) }
        calls.append(contacts)
        var engine = PublicServiceFacts(timeZone: berlin)
        engine.options = options
        var reference = ReferencePublicServiceFacts(timeZone: berlin)
        for batch in requestBatches {
            engine.append(batch)
            reference.append(batch)
        }
        engine.calendar = calendar
        reference.calendar = calendar
        let catalogue: [String: Bool?] = ["passport": true, "S1": false, "S2": nil]
        engine.serviceCatalogue = catalogue
        reference.serviceCatalogue = catalogue
        return (engine, reference, calls)
    }

    static func outcome(_ body: () throws(OtklikError) -> MetricReport) -> Result<MetricReport, OtklikError> {
        do { return .success(try body()) } catch { return .failure(error) }
    }

    /// Both reports equal, or both engines refusing the query with the same error.
    static func expectSame(_ a: Result<MetricReport, OtklikError>, _ b: Result<MetricReport, OtklikError>, _ label: String) {
        switch (a, b) {
        case (.success(let x), .success(let y)): CallEngineEquivalenceTests.expectSame(x, y, label)
        case (.failure(let x), .failure(let y)): #expect("\(x)" == "\(y)", "\(label)")
        default: Issue.record("\(label): one engine threw, the other did not")
        }
    }

    /// Each of `kpis` (every KPI by default) by every dimension set and query, at `now`: the engine's report equals the
    /// reference's.
    static func expectSameEverywhere(
        _ engine: PublicServiceFacts, _ reference: ReferencePublicServiceFacts, _ calls: CallFacts, _ context: String,
        kpis: [PublicServiceKPI] = kpis, now: Date = start.addingTimeInterval(50 * 86_400 + 7_200)
    ) {
        for kpi in kpis {
            for dimensions in dimensionSets {
                for (index, base) in queries.enumerated() {
                    var query = base
                    query.dimensions = dimensions
                    let label = "\(context): \(kpi.kind) \(kpi.definition.prefix(30)) by \(dimensions) query \(index)"
                    let a = outcome { () throws(OtklikError) in try engine.report(kpi, query, calls: calls, now: now, minimumN: 5) }
                    let b = outcome { () throws(OtklikError) in try reference.report(kpi, query, calls: calls, now: now, minimumN: 5) }
                    Self.expectSame(a, b, label)
                }
            }
        }
    }

    /// The rows split across three threads too (``RowParts``: parts of 500 rows at least), each part's groups merged.
    @Test(arguments: [
        ScanOptions.default, ScanOptions(denseLimit: 1),
        ScanOptions(parallelism: 3, rowsPerThread: 500), ScanOptions(denseLimit: 1, parallelism: 3, rowsPerThread: 500),
    ])
    func everyKPIEqualsTheReference(options: ScanOptions) {
        // Ids repeat within and across batches: a later request replaces the one held.
        let batches = [Self.requests(count: 3_000, seed: 11, ids: 2_600), Self.requests(count: 1_500, seed: 12, ids: 3_200)]
        let (engine, reference, calls) = Self.engines(batches, Self.contacts(count: 4_000, seed: 13, requestIds: 3_600), options: options)
        #expect(engine.count == reference.count && engine.count < 4_500, "re-submitted ids replace the request held")
        #expect(engine.requests == reference.requests, "the same requests, in the same order, as they stand now")
        Self.expectSameEverywhere(engine, reference, calls, "denseLimit \(options.denseLimit), \(options.parallelism) threads")
    }

    /// A period, services, locations and channels at once (the request and contact tests with four and five
    /// ``ColumnFilter`` passes, narrowed further to online customers and completed requests), over data where a tenth
    /// to a fifth of the requests and contacts have no location, service or customer (−1 codes, which no filter passes):
    /// every KPI by the dimension sets that read the filtered columns, on one thread, three, and with the hash map.
    @Test(arguments: [
        ScanOptions.default, ScanOptions(denseLimit: 1, parallelism: 3, rowsPerThread: 500), ScanOptions(parallelism: 3, rowsPerThread: 500),
    ])
    func combinedFiltersEqualTheReference(options: ScanOptions) {
        let (engine, reference, calls) = Self.engines(
            [Self.requests(count: 4_000, seed: 51, ids: 3_500)], Self.contacts(count: 4_000, seed: 52, requestIds: 3_500), options: options)
        let filter = CallFilter(locations: ["L1", "L2", "L4"], services: ["passport", "S1", "S9"], channels: ["web", "email", "call_center", "mobile_app"])
        let queries = [
            ProcessQuery(from: Self.start.addingTimeInterval(5 * 86_400 + 0.5), to: Self.start.addingTimeInterval(40 * 86_400), filter: filter),
            ProcessQuery(from: Self.start.addingTimeInterval(2 * 86_400), filter: CallFilter(regions: ["North"], services: ["S1"], channels: ["web"])),
        ]
        let now = Self.start.addingTimeInterval(50 * 86_400 + 7_200)
        for kpi in Self.kpis {
            for dimensions: [CallDimension] in [[], [.service], [.location, .month], [.channel], [.region, .hour]] {
                for (index, base) in queries.enumerated() {
                    var query = base
                    query.dimensions = dimensions
                    let a = Self.outcome { () throws(OtklikError) in try engine.report(kpi, query, calls: calls, now: now, minimumN: 1) }
                    let b = Self.outcome { () throws(OtklikError) in try reference.report(kpi, query, calls: calls, now: now, minimumN: 1) }
                    Self.expectSame(a, b, "combined filters \(index): \(kpi.kind) \(kpi.definition.prefix(30)) by \(dimensions)")
                }
            }
        }
        let kept = try? engine.report(PublicServiceKPI(kind: .completion), queries[0], calls: calls, now: now, minimumN: 1)
        #expect((kept?.overall.n ?? 0) > 100 && (kept?.overall.n ?? .max) < 2_000, "the filters keep some requests, not most")
    }

    /// Contacts per request and platform users map the contacts' request ids and customers to the requests' codes once
    /// and keep the mapping (``CodeMapping``): requests and contacts appended after a report (new ids the contacts
    /// already named, customers only the contacts had, contacts naming new and old requests, new customers on both
    /// sides) extend it, and a copy of the engine taken before an append still answers as the reference does.
    @Test func appendsAfterAReportEqualTheReference() {
        let contacts = Self.contacts(count: 2_000, seed: 23, requestIds: 3_000)
        var (engine, reference, calls) = Self.engines([Self.requests(count: 1_500, seed: 21, ids: 1_200)], contacts, options: .default)
        Self.expectSameEverywhere(engine, reference, calls, "first requests")
        // No copy held: the mapping is extended, not made again.
        let later = Self.requests(count: 1_500, seed: 22, ids: 3_000).map { request in
            var moved = request
            // C0-C249 become C20-C2249: among them C250-C299, customers only the contacts had.
            moved.customer = request.customer.map { "C2\($0.dropFirst())" }
            return moved
        }
        engine.append(later)
        reference.append(later)
        Self.expectSameEverywhere(engine, reference, calls, "requests appended")
        calls.append(Self.contacts(count: 1_000, seed: 24, requestIds: 4_000).map { contact in
            var moved = contact
            moved.customer = contact.customer.map { "\($0)-new" }
            return moved
        })
        Self.expectSameEverywhere(engine, reference, calls, "contacts appended")
        // A copy taken before an append.
        let (earlyEngine, earlyReference, earlyCalls) = (engine, reference, calls)
        let last = Self.requests(count: 800, seed: 25, ids: 4_500)
        engine.append(last)
        reference.append(last)
        calls.append(Self.contacts(count: 500, seed: 26, requestIds: 4_500))
        Self.expectSameEverywhere(engine, reference, calls, "both appended after a copy")
        Self.expectSameEverywhere(earlyEngine, earlyReference, earlyCalls, "the copy from before the appends")
        Self.expectSameEverywhere(earlyEngine, earlyReference, calls, "the earlier requests with the later contacts")
    }

    /// Phone answered in time without dimensions reads the waits at the column's width (``SecondsColumn``): tenths of a
    /// second around the threshold are not exact in a `Float`, so the contacts' waits are held as doubles, and the count
    /// still equals the reference's, on one thread and on three.
    @Test(arguments: [ScanOptions.default, ScanOptions(parallelism: 3, rowsPerThread: 500)])
    func phoneAnsweredWithWaitsHeldAsDoublesEqualsTheReference(options: ScanOptions) {
        let contacts = Self.contacts(count: 3_000, seed: 41, requestIds: 2_000).enumerated().map { index, contact in
            var moved = contact
            if let wait = contact.waitSeconds, contact.channel == .callCenter { moved.waitSeconds = max(0, wait + [0, 0.1, -0.1][index % 3]) }
            return moved
        }
        let (engine, reference, calls) = Self.engines([Self.requests(count: 1_000, seed: 42, ids: 900)], contacts, options: options)
        #expect(!calls.table.wait.isFloat, "the waits are held as doubles")
        Self.expectSameEverywhere(engine, reference, calls, "waits as doubles", kpis: Self.kpis.filter { $0.kind == .phoneAnswered })
    }

    /// Platform users with 40,000 customers, so most groups' customers stay a list in ``CodeSet`` while the overall
    /// and the larger groups become bitmaps, merged across three threads' parts and between the requests' and the
    /// contacts' cells (customers in several groups, parts and both tables).
    @Test(arguments: [ScanOptions.default, ScanOptions(denseLimit: 1, parallelism: 3, rowsPerThread: 500)])
    func platformUsersWithManyCustomersEqualTheReference(options: ScanOptions) {
        func spread(_ customer: String?, _ index: Int) -> String? { customer.map { "\($0)-\(index % 160)" } }
        let batches = [Self.requests(count: 6_000, seed: 31, ids: 5_000), Self.requests(count: 3_000, seed: 32, ids: 6_000)].map { batch in
            batch.enumerated().map { index, request in
                var spreadOut = request
                spreadOut.customer = spread(request.customer, index)
                return spreadOut
            }
        }
        let contacts = Self.contacts(count: 6_000, seed: 33, requestIds: 6_000).enumerated().map { index, contact in
            var spreadOut = contact
            spreadOut.customer = spread(contact.customer, index * 7)
            return spreadOut
        }
        let (engine, reference, calls) = Self.engines(batches, contacts, options: options)
        let now = Self.start.addingTimeInterval(50 * 86_400)
        Self.expectSameEverywhere(engine, reference, calls, "many customers", kpis: Self.kpis.filter { $0.kind == .platformUsers }, now: now)
        let overall = try? engine.report(PublicServiceKPI(kind: .platformUsers), ProcessQuery(), calls: calls, now: now, minimumN: 1)
        // Past 2 × (largest code / 64 + 1) codes, about 1,300 here, the overall set is a bitmap.
        #expect((overall?.overall.n ?? 0) > 2_000, "many distinct customers")
    }

    /// E-mail answered in time with replies past the hours of offsets held (``HourOffsets``: up to 63 days after the
    /// last contact's day; these wait up to 200 days), deadlines past the working days the table walks (a run of 90
    /// holidays from the last contact's month on), three and ten working days, over every dimension set and query,
    /// on one thread and three.
    @Test(arguments: [ScanOptions.default, ScanOptions(denseLimit: 1, parallelism: 3, rowsPerThread: 500)])
    func emailRepliesFarOffAndLongHolidaysEqualTheReference(options: ScanOptions) {
        let contacts = Self.contacts(count: 4_000, seed: 41, requestIds: 100).map { contact in
            var late = contact
            if contact.channel == .email, let wait = contact.waitSeconds { late.waitSeconds = wait * 25 }
            return late
        }
        var (engine, reference, calls) = Self.engines([Self.requests(count: 500, seed: 42, ids: 400)], contacts, options: options)
        let holidays = (0..<90).map { day in
            CalendarDay(date: LocalCalendar.label(day: LocalCalendar.day(of: Self.start, in: Self.berlin) + 55 + Int32(day)), working: false)
        }
        engine.calendar = WorkingCalendar(holidays)
        reference.calendar = engine.calendar
        let now = Self.start.addingTimeInterval(250 * 86_400)
        var tenDays = PublicServiceKPI(kind: .emailAnswered)
        tenDays.emailWorkingDays = 10
        Self.expectSameEverywhere(engine, reference, calls, "late replies", kpis: [PublicServiceKPI(kind: .emailAnswered), tenDays], now: now)
        let overall = try? engine.report(PublicServiceKPI(kind: .emailAnswered), ProcessQuery(), calls: calls, now: now, minimumN: 1)
        #expect((overall?.overall.value ?? 0) > 0 && (overall?.overall.value ?? 100) < 100, "some replies in time, some late")
    }

    /// E-mail answered in time with replies a fraction of a second either side of local midnight (so the waits are
    /// held as doubles and the reply's second is rounded down before its day is taken), on days either side of the
    /// switch to summer time, overall and by every dimension set, with and without filters, on one thread and three.
    @Test(arguments: [ScanOptions.default, ScanOptions(denseLimit: 1, parallelism: 3, rowsPerThread: 500)])
    func emailRepliesAtLocalMidnightEqualTheReference(options: ScanOptions) throws {
        let contacts = Self.contacts(count: 4_000, seed: 51, requestIds: 400).enumerated().map { index, contact in
            guard contact.channel == .email, contact.outcome == .answered else { return contact }
            var moved = contact
            // Local midnight Berlin some days after arrival, plus or minus a fraction of a second.
            let arrival = contact.arrivedAt.timeIntervalSince1970
            let day = LocalCalendar.day(of: contact.arrivedAt, in: Self.berlin) + Int32(index % 6)
            let midnight = Self.start.timeIntervalSince1970 + Double(day - LocalCalendar.day(of: Self.start, in: Self.berlin)) * 86_400
            let offset = Double(Self.berlin.secondsFromGMT(for: Date(timeIntervalSince1970: midnight)) - 3_600)
            moved.waitSeconds = max(0, midnight - offset - arrival + [-0.25, 0, 0.5, -1e-6, 0.999][index % 5])
            return moved
        }
        let (engine, reference, calls) = Self.engines([Self.requests(count: 500, seed: 52, ids: 400)], contacts, options: options)
        #expect(!calls.table.wait.isFloat, "the waits are held as doubles")
        var oneDay = PublicServiceKPI(kind: .emailAnswered)
        oneDay.emailWorkingDays = 1
        Self.expectSameEverywhere(engine, reference, calls, "midnight replies", kpis: [PublicServiceKPI(kind: .emailAnswered), oneDay])
        let now = Self.start.addingTimeInterval(50 * 86_400 + 7_200)
        let overall = try engine.report(oneDay, ProcessQuery(), calls: calls, now: now, minimumN: 1)
        #expect((overall.overall.value ?? 0) > 0 && (overall.overall.value ?? 100) < 100, "some replies in time, some late")
    }

    @Test func emptyTablesEqualTheReference() {
        let (engine, reference, calls) = Self.engines([], [], options: .default)
        Self.expectSameEverywhere(engine, reference, calls, "empty")
        let (onlyContacts, referenceOnlyContacts, someCalls) = Self.engines([], Self.contacts(count: 300, seed: 14, requestIds: 10), options: .default)
        Self.expectSameEverywhere(onlyContacts, referenceOnlyContacts, someCalls, "contacts, no requests")
    }

    /// The comparison is not vacuous: the data reach every case the KPIs distinguish.
    @Test func theDataReachTheEdgeCases() throws {
        let batches = [Self.requests(count: 3_000, seed: 11, ids: 2_600), Self.requests(count: 1_500, seed: 12, ids: 3_200)]
        let (engine, _, calls) = Self.engines(batches, Self.contacts(count: 4_000, seed: 13, requestIds: 3_600), options: .default)
        let now = Self.start.addingTimeInterval(50 * 86_400 + 7_200)
        let email = try engine.report(PublicServiceKPI(kind: .emailAnswered), ProcessQuery(), calls: calls, now: now, minimumN: 1)
        let pending = try #require(email.notes.first.flatMap { Int($0.split(separator: " ").last ?? "") })
        #expect(pending > 0 && email.overall.n > 0 && (email.overall.value ?? 0) > 0 && (email.overall.value ?? 100) < 100)
        let cost = try engine.report(PublicServiceKPI(kind: .costPerService), ProcessQuery(), calls: calls, now: now, minimumN: 1)
        #expect(cost.notes.last != "completed requests without a recorded cost, left out: 0")
        let contacts = try engine.report(PublicServiceKPI(kind: .contactsPerRequest), ProcessQuery(), calls: calls, now: now, minimumN: 1)
        #expect((contacts.overall.value ?? 0) > 1)
        let users = try engine.report(PublicServiceKPI(kind: .platformUsers), ProcessQuery(dimensions: [.channel]), calls: calls, now: now, minimumN: 1)
        #expect(users.overall.n > 250, "customers of contacts only (C250-C299) counted beside those of requests")
        #expect(users.groups.map { $0.key["channel"] } == ["mobile_app", "web"])
    }
}
