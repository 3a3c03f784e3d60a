import Foundation
import OtklikCore
import OtklikStore
import Testing

/// Merging customers on every engine: a merge moves identities and record references in one transaction, journaled
/// with its evidence, with a `customers` feed event; an unmerge restores both customers and their records exactly;
/// a merge the rules refuse writes nothing; an erasure wins over the journal; the review queue merges or keeps apart;
/// consents and contact preferences are records.
@Suite struct CustomerMergeContractTests {
    typealias Resolver = CustomerResolverContractTests
    typealias Fixture = FeedbackRepositoryContractTests
    static let phoneCustomer = Resolver.phoneCustomer
    static let emailCustomer = CustomerResolver.customerID(CustomerIdentity(kind: .email, value: "anna@mail.ru"))

    /// C1 (feedback f2, a call, a request), the phone's customer (f1, f3, a survey invitation) and the e-mail's (f6).
    static func seed(_ database: AppDatabase) async throws {
        try await Fixture.seedReference(database)
        _ = try await database.feedback.insert(
            [
                Resolver.feedback("f1", minutes: 0, contact: "8 (912) 345-67-89"), Resolver.feedback("f2", minutes: 1, customer: "C1"),
                Resolver.feedback("f3", minutes: 2, contact: "9123456789"), Resolver.feedback("f6", minutes: 5, contact: " Anna@Mail.RU "),
            ], createMissingReferences: false)
        let call = Interaction(id: "call-1", channel: .callCenter, queue: "Q", customer: "C1", arrivedAt: Fixture.t0, outcome: .answered)
        let other = Interaction(id: "call-2", channel: .callCenter, queue: "Q", customer: "C2", arrivedAt: Fixture.t0, outcome: .answered)
        _ = try await database.interactions.insert([call, other], createMissingReferences: false)
        let request = ServiceRequest(id: "r-1", service: "SV1", channel: .web, customer: "C1", submittedAt: Fixture.t0, status: .open)
        _ = try await database.process.insert([request], createMissingReferences: false)
        _ = try await database.surveys.create(SurveyRepositoryContractTests.survey(), now: SurveyRepositoryContractTests.now)
        _ = try await database.surveys.invite(
            survey: "visit", SurveyRepositoryContractTests.visit("v-1", contact: "8 912 345 67 89"), now: SurveyRepositoryContractTests.now,
            deliver: true)
    }

    /// Everything a merge may touch, as text: customers, identities and every record's customer.
    static func snapshot(_ database: AppDatabase) async throws -> [String] {
        var lines = try await database.sql.query(
            "SELECT id, merged_into, erased, display_name FROM customers ORDER BY id"
        ).map { "customer \($0.text("id") ?? ""):\($0.text("merged_into") ?? "-"):\($0.int64("erased") ?? -1):\($0.text("display_name") ?? "-")" }
        lines += try await database.sql.query("SELECT kind, value, customer_id, source FROM customer_identities ORDER BY kind, value").map {
            "identity \($0.text("kind") ?? ""):\($0.text("value") ?? "")=\($0.text("customer_id") ?? "")/\($0.text("source") ?? "")"
        }
        for table in ["feedback", "interactions", "service_requests", "survey_invitations", "customer_consents"] {
            lines += try await database.sql.query("SELECT id, customer_id FROM \(table) ORDER BY id").map {
                "\(table) \($0.text("id") ?? "")=\($0.text("customer_id") ?? "-")"
            }
        }
        return lines
    }

    static func code(_ body: () async throws -> Void) async -> OtklikError.Code? {
        do {
            try await body()
            return nil
        } catch let error as OtklikError {
            return error.code
        } catch {
            return .internal
        }
    }

    @Test(arguments: TestEngine.available)
    func aMergeMovesEverythingAndAnUnmergeRestoresItExactly(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.seed(database)
            try await database.customers.updateProfile(customer: Self.phoneCustomer, displayName: "Анна", lang: "ru")
            try await database.consents.record([
                Consent(id: "cn-1", customer: Self.phoneCustomer, purpose: .survey, channel: "sms", source: "form", givenAt: Fixture.t0)
            ])
            let before = try await Self.snapshot(database)
            let head = try await database.feed.head()

            let merge = try await database.customerMerges.merge(
                survivor: "C1", absorbed: Self.phoneCustomer, evidence: ["rule": "manual", "shared": "phone:+79123456789"], actor: "admin")
            #expect(merge.movedIdentities == [Resolver.phone])
            #expect(merge.movedRecords == [
                "feedback": ["f1", "f3"], "survey_invitations": try await database.sql.query("SELECT id FROM survey_invitations").compactMap { $0.text("id") },
                "customer_consents": ["cn-1"],
                // The survey invitation's contact in the shared contact ledger moves with it.
                "contact_ledger": try await database.sql.query("SELECT id FROM contact_ledger").compactMap { $0.text("id") },
            ])
            #expect(try await database.feed.head() == head + 1, "one customers event")
            #expect(try await database.feed.events(after: head, limit: 5).map(\.kind) == [.customers])
            let c1 = try await database.customers.timeline(of: "C1", offset: 0, limit: 50)
            #expect(Set(c1.items.map(\.id)).isSuperset(of: ["f1", "f2", "f3", "call-1", "r-1"]))
            #expect(c1.items.first { $0.id == "f1" }?.linkedBy == Resolver.phone, "each item keeps the identity that linked it")
            #expect(try await database.customers.search("+7 912 345 67 89", limit: 5).map(\.id) == ["C1"])
            #expect(try await database.customerMerges.merges(of: Self.phoneCustomer).map(\.id) == [merge.id])
            let stored = try #require(try await database.customerMerges.merge(id: merge.id))
            #expect(stored.evidence == ["rule": "manual", "shared": "phone:+79123456789"] && stored.actor == "admin" && stored.undoneAt == nil)

            let undone = try await database.customerMerges.unmerge(id: merge.id, actor: "admin")
            #expect(undone.undoneAt != nil)
            #expect(try await Self.snapshot(database) == before, "both customers, their identities and records as they were")
            #expect(try await database.feed.head() == head + 2)
            #expect(await Self.code { _ = try await database.customerMerges.unmerge(id: merge.id, actor: "admin") } == .conflict)
            #expect(await Self.code { _ = try await database.customerMerges.unmerge(id: "mrg_none", actor: "admin") } == .notFound)
        }
    }

    @Test(arguments: TestEngine.available)
    func aMergeTheRulesRefuseWritesNothing(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.seed(database)
            let before = try await Self.snapshot(database)
            let head = try await database.feed.head()
            #expect(await Self.code { _ = try await database.customerMerges.merge(survivor: "C1", absorbed: "C2", evidence: [:], actor: "a") } == .conflict,
                "two external ids are two customers")
            #expect(await Self.code { _ = try await database.customerMerges.merge(survivor: "C1", absorbed: "C1", evidence: [:], actor: "a") } == .conflict)
            #expect(await Self.code { _ = try await database.customerMerges.merge(survivor: "C1", absorbed: "nobody", evidence: [:], actor: "a") } == .notFound)
            #expect(try await Self.snapshot(database) == before)
            #expect(try await database.feed.head() == head)

            // A chain: the survivor merged later into another customer must be undone first.
            let first = try await database.customerMerges.merge(survivor: Self.emailCustomer, absorbed: Self.phoneCustomer, evidence: [:], actor: "a")
            let second = try await database.customerMerges.merge(survivor: "C1", absorbed: Self.emailCustomer, evidence: [:], actor: "a")
            #expect(await Self.code { _ = try await database.customerMerges.merge(survivor: "C2", absorbed: Self.phoneCustomer, evidence: [:], actor: "a") } == .conflict,
                "an absorbed customer is merged through its survivor")
            #expect(await Self.code { _ = try await database.customerMerges.unmerge(id: first.id, actor: "a") } == .conflict)
            _ = try await database.customerMerges.unmerge(id: second.id, actor: "a")
            _ = try await database.customerMerges.unmerge(id: first.id, actor: "a")
            #expect(try await Self.snapshot(database) == before)
        }
    }

    @Test(arguments: TestEngine.available)
    func anErasureWinsOverTheJournal(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.seed(database)
            let merge = try await database.customerMerges.merge(
                survivor: "C1", absorbed: Self.phoneCustomer, evidence: ["shared": "phone:+79123456789"], actor: "admin")
            #expect(await Self.code { try await database.customerErasure.erase(Self.phoneCustomer) } == .conflict, "erased through its survivor")
            let erased = try await database.customerErasure.erase("C1")
            #expect(Set(erased) == ["C1", Self.phoneCustomer])
            #expect(await Self.code { _ = try await database.customerMerges.unmerge(id: merge.id, actor: "admin") } == .conflict)
            let journal = try #require(try await database.customerMerges.merge(id: merge.id))
            #expect(journal.undoneAt == nil && journal.movedIdentities.isEmpty && journal.evidence == ["erased": "true"])
            #expect(journal.movedRecords["feedback"] == ["f1", "f3"], "which records moved stays; no identity values")
            #expect(try await database.sql.query("SELECT kind FROM customer_identities WHERE customer_id IN ('C1', ?)", [.text(Self.phoneCustomer)]).isEmpty)
            #expect(try await database.sql.query("SELECT contact FROM feedback WHERE id = 'f1'").first?.text("contact") == nil)
            #expect(try await database.customers.customer(id: "C1")?.erased == true)
            #expect(await Self.code { _ = try await database.customerMerges.merge(survivor: "C1", absorbed: Self.emailCustomer, evidence: [:], actor: "a") } == .conflict)
        }
    }

    @Test(arguments: TestEngine.available)
    func theReviewQueueMergesOrKeepsApart(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.seed(database)
            let shared = CustomerIdentity(kind: .device, value: "D1")
            #expect(try await database.customerReview.propose(Self.phoneCustomer, Self.emailCustomer, shared: shared, reason: .sharedDevice))
            #expect(!(try await database.customerReview.propose(Self.emailCustomer, Self.phoneCustomer, shared: shared, reason: .sharedDevice)))
            #expect(try await database.customerReview.propose("C1", "C2", shared: Resolver.phone, reason: .conflictingExternalIDs))
            let open = try await database.customerReview.open()
            #expect(open.count == 2)
            let devicePair = try #require(open.first { $0.reason == .sharedDevice })
            try await database.customerReview.keepApart(item: devicePair.id, actor: "admin")
            #expect(await Self.code { try await database.customerReview.keepApart(item: devicePair.id, actor: "admin") } == .conflict)
            #expect(!(try await database.customerReview.propose(Self.phoneCustomer, Self.emailCustomer, shared: shared, reason: .sharedDevice)),
                "a pair kept apart is not proposed again")
            #expect(try await database.customerReview.open().map(\.reason) == [.conflictingExternalIDs])
            #expect(await Self.code { _ = try await database.customerReview.merge(item: open.first { $0.left == "C1" }!.id, actor: "admin") } == .conflict,
                "the rules still apply to a reviewed merge")

            #expect(try await database.customerReview.propose(Self.phoneCustomer, "C1", shared: Resolver.phone, reason: .superNode))
            let item = try #require(try await database.customerReview.open().first { $0.reason == .superNode })
            let merge = try await database.customerReview.merge(item: item.id, actor: "admin")
            #expect(merge.survivor == "C1" && merge.absorbed == Self.phoneCustomer, "the customer with the external id survives")
            #expect(merge.evidence["review"] == item.id && merge.evidence["reason"] == "super_node")
            let decided = try #require(try await database.customerReview.item(id: item.id))
            #expect(decided.decision == .merged && decided.mergeID == merge.id && decided.decidedBy == "admin")
        }
    }

    @Test(arguments: TestEngine.available)
    func consentsAndContactPreferencesAreRecords(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.seed(database)
            let given = Fixture.t0
            try await database.consents.record([
                Consent(id: "cn-1", customer: "C1", purpose: .marketing, channel: "email", source: "web form", givenAt: given,
                    expiresAt: given.addingTimeInterval(86_400 * 365)),
                Consent(id: "cn-2", customer: "C1", purpose: .survey, channel: "sms", source: "call", givenAt: given,
                    withdrawnAt: given.addingTimeInterval(3_600)),
            ])
            let consents = try await database.consents.consents(of: "C1")
            #expect(Set(consents.map(\.id)) == ["cn-1", "cn-2"])
            let marketing = try #require(consents.first { $0.id == "cn-1" })
            #expect(marketing.inForce(at: given.addingTimeInterval(60)) && !marketing.inForce(at: given.addingTimeInterval(86_400 * 366)))
            let survey = try #require(consents.first { $0.id == "cn-2" })
            #expect(!survey.inForce(at: given.addingTimeInterval(7_200)), "withdrawn")
            #expect(await Self.code {
                try await database.consents.record([
                    Consent(id: "cn-3", customer: "C1", purpose: .service, channel: "sms", source: "x", givenAt: given),
                    Consent(id: "cn-4", customer: "nobody", purpose: .service, channel: "sms", source: "x", givenAt: given),
                ])
            } == .notFound)
            #expect(try await database.consents.consents(of: "C1").count == 2, "all or none")

            let preferences = ContactPreferences(
                customer: "C1", preferredChannel: "sms", language: "ru", timeZone: "Europe/Moscow", quietFromMinute: 22 * 60, quietToMinute: 8 * 60,
                maxPerWeek: 2)
            try await database.consents.setPreferences(preferences)
            #expect(try await database.consents.preferences(of: "C1") == preferences)
            var changed = preferences
            changed.maxPerWeek = nil
            try await database.consents.setPreferences(changed)
            #expect(try await database.consents.preferences(of: "C1") == changed)
        }
    }
}
