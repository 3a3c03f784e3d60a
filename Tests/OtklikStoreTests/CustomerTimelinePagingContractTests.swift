import Foundation
import OtklikCore
import OtklikStore
import Testing

/// A customer's timeline paged, on every engine: whatever the page size, the pages put together are every item once,
/// newest first, ties broken by kind and then id — the order worked out here from the records written, not read back
/// from the store — and an item on a late page is as whole as on the first (the page is chosen on keys, then its rows
/// read by id).
///
/// The data: C1 has feedback at L01 and L02, calls at L01, purchases at L02 and a service request without a location,
/// several at the same minute (within a kind and across kinds); C2 has records at the same moments, never on C1's pages.
@Suite struct CustomerTimelinePagingContractTests {
    typealias Fixture = FeedbackRepositoryContractTests

    /// What C1's timeline must hold: kind, minute after t0, id, location.
    static let expected: [(kind: TimelineItem.Kind, minute: Double, id: String, location: String?)] = [
        (.feedback, 0, "f-b", "L01"), (.feedback, 0, "f-a", "L02"), (.feedback, 5, "f-c", "L01"), (.feedback, 9, "f-d", "L02"),
        (.interaction, 0, "call-2", "L01"), (.interaction, 5, "call-1", "L01"), (.interaction, 12, "call-3", "L01"),
        (.transaction, 5, "t-1", "L02"), (.transaction, 9, "t-3", "L02"), (.transaction, 9, "t-2", "L02"),
        (.serviceRequest, 5, "r-1", nil), (.serviceRequest, 12, "r-2", nil),
        // Byte order puts "F-e" (capital) and "f-g" before "f1"; a language collation would not.
        (.feedback, 20, "f1", "L01"), (.feedback, 20, "f-g", "L01"), (.feedback, 20, "F-e", "L01"),
    ]

    static func at(_ minute: Double) -> Date { Fixture.t0.addingTimeInterval(minute * 60) }

    static func write(_ database: AppDatabase) async throws {
        try await Fixture.seedReference(database)
        for customer in ["C1", "C2"] {
            let mine = expected.map { (kind: $0.kind, minute: $0.minute, id: customer == "C1" ? $0.id : "\(customer)-\($0.id)", location: $0.location) }
            _ = try await database.feedback.insert(
                mine.filter { $0.kind == .feedback }.map {
                    Feedback(id: $0.id, ts: at($0.minute), channel: .terminal, kind: .informative, location: $0.location ?? "", customer: customer, nps: 9)
                }, createMissingReferences: false)
            _ = try await database.interactions.insert(
                mine.filter { $0.kind == .interaction }.map {
                    Interaction(id: $0.id, channel: .callCenter, queue: "Q", location: $0.location, customer: customer, arrivedAt: at($0.minute),
                                outcome: .answered, waitSeconds: 42)
                }, createMissingReferences: true)
            _ = try await database.transactions.insert(
                mine.filter { $0.kind == .transaction }.map {
                    Transaction(id: $0.id, ts: at($0.minute), customer: customer, amount: 12.5, location: $0.location)
                }, createMissingReferences: true)
            _ = try await database.process.insert(
                mine.filter { $0.kind == .serviceRequest }.map {
                    ServiceRequest(id: $0.id, service: "SV1", channel: .web, customer: customer, submittedAt: at($0.minute), status: .open)
                }, createMissingReferences: false)
        }
    }

    /// The expected order: newest first, then kind, then id (byte order: the ids here are ASCII).
    static func order(_ items: [(kind: TimelineItem.Kind, minute: Double, id: String, location: String?)]) -> [String] {
        items.sorted { a, b in
            if a.minute != b.minute { return a.minute > b.minute }
            if a.kind != b.kind { return a.kind.rawValue < b.kind.rawValue }
            return a.id < b.id
        }.map { "\($0.kind.rawValue):\($0.id)" }
    }

    static func pages(_ database: AppDatabase, size: Int, locations: Set<String>?) async throws -> (keys: [String], items: [TimelineItem]) {
        var items: [TimelineItem] = []
        var offset: Int? = 0
        var seen = 0
        while let from = offset {
            let page = try await database.customers.timeline(of: "C1", offset: from, limit: size, locations: locations)
            #expect(page.offset == from && page.items.count <= size)
            items += page.items
            offset = page.nextOffset
            seen += 1
            if seen > 100 { Issue.record("paging does not end"); break }
        }
        return (items.map { "\($0.kind.rawValue):\($0.id)" }, items)
    }

    @Test(arguments: TestEngine.available)
    func everyPageSizeGivesEveryItemOnceInTheTimelinesOrder(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.write(database)
            let whole = Self.order(Self.expected)
            #expect(whole.prefix(3) == ["feedback:F-e", "feedback:f-g", "feedback:f1"], "byte order within a tie")
            #expect(whole[3] == "interaction:call-3" && whole[4] == "service_request:r-2", "a tie across kinds: by kind")
            for size in [1, 2, 3, 5, 7, 12, 50] {
                let (keys, items) = try await Self.pages(database, size: size, locations: nil)
                #expect(keys == whole, "pages of \(size)")
                #expect(items.map(\.at) == items.map(\.at).sorted(by: >))
                #expect(items.allSatisfy { $0.details["location"] != nil || $0.kind == .serviceRequest }, "every item whole")
            }
            #expect(whole.suffix(3) == ["feedback:f-a", "feedback:f-b", "interaction:call-2"])
            let last = try #require(try await database.customers.timeline(of: "C1", offset: whole.count - 3, limit: 1).items.first)
            #expect(last.kind == .feedback && last.id == "f-a" && last.at == Self.at(0) && last.details["nps"] == "9"
                && last.details["location"] == "L02" && last.linkedBy == CustomerIdentity(kind: .external, value: "C1"))
            let call = try #require(try await database.customers.timeline(of: "C1", offset: whole.count - 1, limit: 1).items.first)
            #expect(call.id == "call-2" && call.status == "answered" && call.details["wait_s"] == "42")
            let past = try await database.customers.timeline(of: "C1", offset: whole.count, limit: 10)
            #expect(past.items.isEmpty && past.total == whole.count && past.nextOffset == nil)
            let far = try await database.customers.timeline(of: "C1", offset: Int.max, limit: 50)
            #expect(far.items.isEmpty && far.nextOffset == nil, "an offset past any timeline: an empty page, not a trap")

            for (locations, size) in [(Set(["L01"]), 2), (Set(["L02"]), 3), (Set(["L01", "L02"]), 4)] {
                let here = Self.order(Self.expected.filter { $0.location.map(locations.contains) ?? false })
                let (keys, _) = try await Self.pages(database, size: size, locations: locations)
                #expect(keys == here, "at \(locations.sorted()), pages of \(size)")
                #expect(try await database.customers.timeline(of: "C1", offset: 0, limit: 1, locations: locations).total == here.count)
            }
        }
    }
}
