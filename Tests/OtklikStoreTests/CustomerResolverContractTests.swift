import Foundation
import OtklikCore
import OtklikStore
import Testing

/// Customers explicit, on every engine: every write path that carries a customer id or a contact resolves it in its
/// own transaction; no stub rows; a retry resolves to the same customers; two transactions resolving the same new
/// phone at once end with one customer; the timeline shows each item with the identity that linked it.
@Suite struct CustomerResolverContractTests {
    typealias Fixture = FeedbackRepositoryContractTests
    static let phone = CustomerIdentity(kind: .phone, value: "+79123456789")
    static let phoneCustomer = CustomerResolver.customerID(phone)

    static func feedback(_ id: String, minutes: Double, customer: String? = nil, contact: String? = nil) -> Feedback {
        Feedback(
            id: id, ts: Fixture.t0.addingTimeInterval(minutes * 60), channel: .qrWeb, kind: contact == nil ? .informative : .complaint,
            location: "L01", customer: customer, nps: 4, comment: "Долго ждал", contact: contact)
    }

    static func count(_ database: AppDatabase, _ sql: String) async throws -> Int {
        Int(try await database.sql.query(sql).first?.int64("n") ?? -1)
    }

    @Test(arguments: TestEngine.available)
    func everyWritePathResolvesItsCustomerAndARetryResolvesTheSame(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let batch = [
                Self.feedback("f1", minutes: 0, contact: "8 (912) 345-67-89"),
                Self.feedback("f2", minutes: 1, customer: "C1", contact: "+7 912 345 6789"),
                Self.feedback("f3", minutes: 2, contact: "9123456789"),
                Self.feedback("f4", minutes: 3, contact: "anonymous"),
                Self.feedback("f5", minutes: 4, customer: "0"),
                Self.feedback("f6", minutes: 5, contact: " Anna@Mail.RU "),
            ]
            _ = try await database.feedback.insert(batch, createMissingReferences: false)
            let call = Interaction(id: "call-1", channel: .callCenter, queue: "Q", customer: "C1", arrivedAt: Fixture.t0, outcome: .answered)
            _ = try await database.interactions.insert([call], createMissingReferences: false)
            let request = ServiceRequest(id: "r-1", service: "SV1", channel: .web, customer: "00001", submittedAt: Fixture.t0, status: .open)
            _ = try await database.process.insert([request], createMissingReferences: false)
            _ = try await database.surveys.create(SurveyRepositoryContractTests.survey(), now: SurveyRepositoryContractTests.now)
            _ = try await database.surveys.invite(
                survey: "visit", SurveyRepositoryContractTests.visit("v-1", contact: "8 912 345 67 89"), now: SurveyRepositoryContractTests.now,
                deliver: true)

            let emailCustomer = CustomerResolver.customerID(CustomerIdentity(kind: .email, value: "anna@mail.ru"))
            let customers = try await database.sql.query("SELECT id FROM customers").compactMap { $0.text("id") }.sorted()
            #expect(customers == ["00001", "C1", Self.phoneCustomer, emailCustomer].sorted(), "no customer for anonymous or 0, no stub rows")
            let identities = try await database.sql.query("SELECT kind, value, customer_id FROM customer_identities ORDER BY kind, value")
                .map { "\($0.text("kind") ?? ""):\($0.text("value") ?? "")=\($0.text("customer_id") ?? "")" }.sorted()
            #expect(identities == [
                "email:anna@mail.ru=\(emailCustomer)", "external:00001=00001", "external:C1=C1", "phone:+79123456789=\(Self.phoneCustomer)",
            ])
            let links = try await database.sql.query("SELECT id, customer_id, customer_link FROM feedback ORDER BY id")
                .map { "\($0.text("id") ?? ""):\($0.text("customer_id") ?? "-"):\($0.text("customer_link") ?? "-")" }
            #expect(links == [
                "f1:\(Self.phoneCustomer):phone", "f2:C1:external", "f3:\(Self.phoneCustomer):phone", "f4:-:-", "f5:-:-",
                "f6:\(emailCustomer):email",
            ])
            let invitation = try await database.sql.query("SELECT customer_id, customer_link FROM survey_invitations").first
            #expect(invitation?.text("customer_id") == Self.phoneCustomer && invitation?.text("customer_link") == "phone")

            // What the client sent reads back unchanged, so a retry is a duplicate and resolves nothing new.
            #expect(try await database.feedback.get(id: "f1")?.customer == nil)
            #expect(try await database.feedback.get(id: "f2")?.customer == "C1")
            let head = try await database.feed.head()
            let again = try await database.feedback.insert(batch, createMissingReferences: false)
            #expect(again.duplicates.count == batch.count)
            #expect(try await database.feed.head() == head)
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM customers") == 4)
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM customer_identities") == 4)

            // One timeline, newest first, each item with the identity that linked it.
            let page = try await database.customers.timeline(of: Self.phoneCustomer, offset: 0, limit: 10)
            #expect(page.total == 3, "f1, f3 and the survey invitation (cases are opened by the server, not the store)")
            #expect(page.items.map(\.kind).contains(.surveyInvitation))
            #expect(page.items == page.items.sorted(by: TimelineItem.newestFirst))
            #expect(page.items.filter { $0.kind == .feedback }.map(\.id) == ["f3", "f1"])
            #expect(page.items.allSatisfy { $0.linkedBy == Self.phone })
            let firstTwo = try await database.customers.timeline(of: Self.phoneCustomer, offset: 0, limit: 2)
            let rest = try await database.customers.timeline(of: Self.phoneCustomer, offset: 2, limit: 10)
            #expect(firstTwo.nextOffset == 2 && rest.nextOffset == nil)
            #expect(firstTwo.items + rest.items == page.items, "pages neither overlap nor skip")
            let c1 = try await database.customers.timeline(of: "C1", offset: 0, limit: 10)
            #expect(Set(c1.items.map(\.id)) == ["f2", "call-1"])
            #expect(c1.items.allSatisfy { $0.linkedBy == CustomerIdentity(kind: .external, value: "C1") })

            // Search normalises what it is given.
            #expect(try await database.customers.search("8 912 345-67-89", limit: 10).map(\.id) == [Self.phoneCustomer])
            #expect(try await database.customers.search("ANNA@mail.ru", limit: 10).map(\.id) == [emailCustomer])
            #expect(try await database.customers.search("00001", limit: 10).map(\.id) == ["00001"])
            try await database.customers.updateProfile(customer: "C1", displayName: "Анна Петрова", lang: "ru")
            #expect(try await database.customers.search("петрова", limit: 10).map(\.id) == ["C1"], "names match whatever their case")
            #expect(try await database.customers.search("100%", limit: 10).isEmpty)
            let found = try #require(try await database.customers.customer(id: "C1"))
            #expect(found.displayName == "Анна Петрова" && found.lang == "ru" && found.identities.map(\.identity.value) == ["C1"])
        }
    }

    /// Two transactions resolve the same new phone at the same time (on PostgreSQL the second waits at the unique key
    /// until the first commits; SQLite runs them one after the other): both end with the first's customer, one row.
    /// The second starts only once the first has resolved inside its still-open transaction (a fixed 100 ms head start
    /// was not enough on a loaded CI machine: the second resolved first and made a customer of its own).
    @Test(arguments: TestEngine.available)
    func twoWritersResolvingOneNewPhoneEndWithOneCustomer(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let external = CustomerIdentity(kind: .external, value: "C9")
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let sql = database.sql
            let (firstResolved, signal) = AsyncStream<Void>.makeStream()
            let first = Task {
                defer { signal.finish() }  // a failed first transaction does not leave the test waiting
                return try await sql.transaction { tx -> String? in
                    let resolved = try await CustomerResolver.resolve([[external, Self.phone]], source: "test", at: now, in: tx)
                    signal.yield()
                    try await Task.sleep(for: .milliseconds(400))
                    return resolved.first??.customer
                }
            }
            for await _ in firstResolved { break }
            let second = Task {
                try await sql.transaction { tx -> String? in
                    try await CustomerResolver.resolve([[Self.phone]], source: "test", at: now, in: tx).first??.customer
                }
            }
            let (a, b) = (try await first.value, try await second.value)
            #expect(a == "C9")
            #expect(b == "C9", "the later writer takes the earlier one's customer, not a second one")
            #expect(try await sql.query("SELECT id FROM customers").compactMap { $0.text("id") } == ["C9"])
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM customer_identities WHERE customer_id = 'C9'") == 2)

            // Eight concurrent feedback writes of one new e-mail: one customer, every record on it.
            try await Fixture.seedReference(database)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        _ = try await database.feedback.insert(
                            [Self.feedback("e\(index)", minutes: Double(index), contact: "Same@Mail.ru")], createMissingReferences: false)
                    }
                }
                try await group.waitForAll()
            }
            let owners = try await sql.query("SELECT DISTINCT customer_id FROM feedback WHERE id LIKE 'e%'").compactMap { $0.text("customer_id") }
            #expect(owners == [CustomerResolver.customerID(CustomerIdentity(kind: .email, value: "same@mail.ru"))])
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM customers") == 2)
        }
    }

    /// Issue 18's speed target for one customer's page (1,000 items under 100 ms): the first and last page of 50, timed.
    @Test(arguments: TestEngine.available)
    func aThousandItemTimelineReadsQuickly(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let items = (0..<1_000).map { Self.feedback("t\($0)", minutes: Double($0), customer: "C1") }
            _ = try await database.feedback.insert(items, createMissingReferences: false)
            let clock = ContinuousClock()
            var page = try await database.customers.timeline(of: "C1", offset: 0, limit: 50)
            let first = try await clock.measure { page = try await database.customers.timeline(of: "C1", offset: 0, limit: 50) }
            let last = try await clock.measure { _ = try await database.customers.timeline(of: "C1", offset: 950, limit: 50) }
            #expect(page.total == 1_000 && page.items.first?.id == "t999")
            print("timeline of 1,000 items on \(engine): first page \(first), last page \(last)")
            // Printed, not asserted: the suite runs in parallel on shared cores, where a time bound only measures the
            // neighbours. Measured alone 2026-12-07 (debug, 2 cores, load 2.9): SQLite 6-10 ms / 8-18 ms, PostgreSQL
            // 23-30 ms / 20-28 ms for the first / the last page of 50 (the last page 116-190 ms on PostgreSQL when every
            // source's first 1,000 rows were read and sorted in memory).
            #expect(last > .zero && first > .zero)
        }
    }

    /// A customer created by records is known since the earliest of them, and each identity first seen at the earliest
    /// record carrying it — not at the write: last year's imported feedback does not make its customers "known since
    /// today". A later record keeps the first time; a record stamped after the write's moment counts as the write.
    @Test(arguments: TestEngine.available)
    func aCustomerIsKnownSinceItsEarliestRecord(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let year = 365 * 24 * 60.0
            _ = try await database.feedback.insert(
                [Self.feedback("old-2", minutes: -year + 30, contact: "8 (912) 345-67-89"), Self.feedback("old-1", minutes: -year, customer: "C9", contact: "+7 912 345 6789")],
                createMissingReferences: false)
            _ = try await database.feedback.insert([Self.feedback("new", minutes: 0, customer: "C9")], createMissingReferences: false)
            let purchase = Transaction(id: "t-1", ts: Fixture.t0.addingTimeInterval(-2 * year * 60), customer: "T1", amount: 10)
            _ = try await database.transactions.insert([purchase], createMissingReferences: true)
            func ms(_ minutes: Double) -> Int64 { Int64(((Fixture.t0.timeIntervalSince1970 + minutes * 60) * 1000).rounded()) }
            let created = Dictionary(uniqueKeysWithValues: try await database.sql.query("SELECT id, created_at FROM customers")
                .map { ($0.text("id") ?? "", $0.int64("created_at") ?? 0) })
            #expect(created["C9"] == ms(-year), "C9 was created by the older of its two records: \(created)")
            #expect(created["T1"] == ms(-2 * year), "a purchase two years ago")
            let seen = Dictionary(uniqueKeysWithValues: try await database.sql.query("SELECT kind, value, first_seen_at FROM customer_identities")
                .map { (($0.text("kind") ?? "") + ":" + ($0.text("value") ?? ""), $0.int64("first_seen_at") ?? 0) })
            #expect(seen["phone:+79123456789"] == ms(-year) && seen["external:C9"] == ms(-year), "\(seen)")
            let card = try #require(try await database.customers.customer(id: "C9"))
            #expect(abs(card.createdAt.timeIntervalSince(Fixture.t0.addingTimeInterval(-year * 60))) < 0.001)
        }
    }
}
