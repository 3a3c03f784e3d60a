import Foundation
import OtklikCore
import OtklikStore
import Testing

/// Programmes on every engine: a detractor with an open complaint is called back once (a note on the case, a contact in
/// the ledger) and a replay does nothing; no consent is a skip; the hold-out is frozen at first eligibility; two writers
/// cannot exceed a cap; a merge keeps the survivor's hold-out and an unmerge restores both; survey invitations write the
/// shared ledger and the fatigue rule reads it; the report's observations follow the outcome window.
@Suite struct ProgrammeContractTests {
    typealias Fixture = FeedbackRepositoryContractTests
    static let t0 = Fixture.t0  // 09:13 in Moscow
    static let moscow = TimeZone(identifier: "Europe/Moscow")!
    static let now = t0.addingTimeInterval(2 * 3_600)

    static func programme(_ code: String = "callback", holdout: Double = 0.1, maxContacts: Int = 2, outcomeDays: Int = 90) -> Programme {
        Programme(
            code: code, name: "Call back detractors", trigger: .detractorAnswer, audience: [.openComplaint],
            action: ProgrammeAction(kind: .callback, withinHours: 24, channels: ["phone"]),
            limits: ContactLimits(purpose: .service, maxContacts: maxContacts, windowDays: 7), holdoutShare: holdout, outcome: .retention,
            outcomeDays: outcomeDays)
    }

    /// Customers the programme treats (or holds out), in order of their number.
    static func customers(_ arm: HoldoutAssignment.Arm, programme: String = "callback", share: Double = 0.1, count: Int) -> [String] {
        Array((1...2_000).map { "C\($0)" }.filter { HoldoutAssignment.arm(programme: programme, customer: $0, share: share) == arm }.prefix(count))
    }

    /// A complaint with a 0-6 answer from `customer`, with a contact (so it opens a case).
    static func complaint(_ id: String, customer: String?, minutes: Double = 0, phone: String? = nil) -> Feedback {
        let number = id.unicodeScalars.reduce(0) { ($0 * 31 + Int($1.value)) % 10_000_000 }
        return Feedback(id: id, ts: t0.addingTimeInterval(minutes * 60), channel: .qrWeb, kind: .complaint, location: "L01", customer: customer, nps: 3,
            comment: "Долго ждал", contact: phone ?? "+7900" + String(format: "%07d", number))
    }

    /// A phone whose customer (created from the contact alone) the programme holds out.
    static func heldOutPhone() -> (phone: String, customer: String) {
        for n in 0..<1_000 {
            let phone = "+7901" + String(format: "%07d", n)
            let customer = CustomerResolver.customerID(CustomerIdentity(kind: .phone, value: phone))
            if HoldoutAssignment.arm(programme: "callback", customer: customer, share: 0.1) == .holdout { return (phone, customer) }
        }
        fatalError("no held-out phone")
    }

    static func phoneConsent(_ customer: String) -> Consent {
        Consent(id: "cn-\(customer)", customer: customer, purpose: .service, channel: "phone", source: "form", givenAt: t0.addingTimeInterval(-86_400))
    }

    static func seedComplaints(_ database: AppDatabase, _ items: [Feedback]) async throws {
        _ = try await database.feedback.insert(items, createMissingReferences: false)
        _ = try await database.cases.openCases(forFeedback: items.map(\.id), schedule: CaseRepositoryContractTests.schedule, now: t0)
    }

    @Test(arguments: TestEngine.available)
    func aDetractorWithAnOpenComplaintIsCalledBackOnceAndAReplayDoesNothing(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let programmes = database.programmes
            try await programmes.create(Self.programme(), now: Self.t0.addingTimeInterval(-86_400))
            let treated = Self.customers(.treated, count: 2), held = Self.customers(.holdout, count: 1)
            try await Self.seedComplaints(database, [
                Self.complaint("f1", customer: treated[0]), Self.complaint("f2", customer: treated[1]), Self.complaint("f3", customer: held[0]),
            ])
            // A promoter and an anonymous detractor trigger nothing.
            _ = try await database.feedback.insert([Fixture.item("f4", nps: 10), Fixture.item("f5", nps: 2)], createMissingReferences: false)
            try await database.consents.record([Self.phoneConsent(treated[0]), Self.phoneConsent(held[0])])

            let step = try await programmes.triggerFromFeed(consumer: "programmes", following: nil, limit: 100, organisationZone: Self.moscow, now: Self.now)
            #expect(step.handled == 3 && step.caughtUp)
            let actions = Dictionary(uniqueKeysWithValues: try await programmes.actions(programme: "callback").map { ($0.customer, $0) })
            #expect(actions[treated[0]]?.status == "done" && actions[treated[0]]?.channel == "phone" && actions[treated[0]]?.arm == .treated)
            #expect(actions[treated[1]]?.status == "skipped" && actions[treated[1]]?.reason == "no_consent")
            #expect(actions[held[0]]?.status == "held_out" && actions[held[0]]?.arm == .holdout)
            #expect(actions.count == 3)

            // The call-back is a note on the customer's case for staff; the contact is in the ledger.
            let note = try await database.sql.query(
                "SELECT e.actor, e.text FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.feedback_id = 'f1' AND e.kind = 'note'")
            #expect(note.count == 1 && note.first?.text("actor") == "programme:callback")
            #expect(try await programmes.contacts(of: treated[0], since: .distantPast).map(\.source) == ["programme:callback"])
            #expect(try await programmes.contacts(of: held[0], since: .distantPast).isEmpty, "the hold-out is not contacted")

            // A replay of the stretch (the position moved) and a repeated trigger do nothing.
            #expect(try await programmes.triggerFromFeed(consumer: "programmes", following: nil, limit: 100, organisationZone: Self.moscow, now: Self.now).handled == 0)
            let again = try await programmes.trigger(
                Self.programme(), event: ProgrammeTriggerEvent(key: "feedback:f1", customer: treated[0], at: Self.t0), organisationZone: Self.moscow,
                now: Self.now)
            #expect(again == actions[treated[0]])
            #expect(try await programmes.contacts(of: treated[0], since: .distantPast).count == 1)
            #expect(try await database.sql.query("SELECT case_id FROM case_events WHERE kind = 'note'").count == 1)

            // Paused: nothing is triggered.
            try await programmes.setStatus(code: "callback", .paused, reason: "by hand")
            try await Self.seedComplaints(database, [Self.complaint("f6", customer: treated[0], minutes: 5)])
            #expect(try await programmes.triggerFromFeed(consumer: "programmes", following: nil, limit: 100, organisationZone: Self.moscow, now: Self.now).handled == 0)
            #expect(try await programmes.programme(code: "callback")?.programme.status == .paused)
            #expect(try await programmes.programme(code: "callback")?.statusReason == "by hand")
            // A second programme with the same code is refused.
            await #expect(throws: OtklikError.self) { try await programmes.create(Self.programme()) }
        }
    }

    /// The case triggers come from the case history on the change feed: a complaint case resolved triggers a
    /// `complaint_resolved` programme, a case past its deadline (the supervisor's `breached` line) a `case_overdue` one,
    /// each once per case, and a replay of the feed does nothing; the call-back note itself is a case line on the feed.
    @Test(arguments: TestEngine.available)
    func caseProgrammesFollowCaseHistoryOnTheFeed(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let programmes = database.programmes
            func caseProgramme(_ code: String, _ trigger: ProgrammeTrigger) -> Programme {
                var programme = Self.programme(code, holdout: 0.01)
                (programme.trigger, programme.audience) = (trigger, [])
                return programme
            }
            try await programmes.create(caseProgramme("after-resolution", .complaintResolved), now: Self.t0.addingTimeInterval(-86_400))
            try await programmes.create(caseProgramme("overdue", .caseOverdue), now: Self.t0.addingTimeInterval(-86_400))
            let customers = Array(Self.customers(.treated, programme: "overdue", share: 0.01, count: 50).filter {
                HoldoutAssignment.arm(programme: "after-resolution", customer: $0, share: 0.01) == .treated
            }.prefix(2))
            try await Self.seedComplaints(database, [Self.complaint("f1", customer: customers[0]), Self.complaint("f2", customer: customers[1])])
            try await database.consents.record(customers.map(Self.phoneConsent))
            let schedule = CaseRepositoryContractTests.schedule
            _ = try await database.cases.apply(.resolve(code: "explained", note: nil), to: "case-f1", actor: "anna", now: Self.now, schedule: schedule)
            let step = { try await programmes.triggerFromFeed(consumer: "programmes", following: nil, limit: 100, organisationZone: Self.moscow, now: Self.now) }
            _ = try await step()
            #expect(try await programmes.actions(programme: "after-resolution").map(\.triggerKey) == ["case_resolved:case-f1"])
            #expect(try await programmes.actions(programme: "overdue").isEmpty, "nothing is past its deadline yet")
            // The supervisor breaches f2's case after its deadline: the overdue programme acts on it, once.
            let (open, _) = try #require(try await database.cases.get(id: "case-f2"))
            _ = try await database.cases.supervise(now: open.dueAt.addingTimeInterval(60), schedule: schedule)
            _ = try await step()
            #expect(try await programmes.actions(programme: "overdue").map(\.triggerKey) == ["case_overdue:case-f2"])
            #expect(try await programmes.actions(programme: "after-resolution").count == 1)
            #expect(try await step().handled == 0, "a replay does nothing")
            let notes = try await database.sql.query("SELECT feed_position FROM case_events WHERE kind = 'note'")
            #expect(notes.count == 1 && notes.allSatisfy { $0.int64("feed_position") != nil }, "the overdue case's call-back note, on the feed")
        }
    }

    @Test(arguments: TestEngine.available)
    func quietHoursWaitAndTheWaitIsTakenUpAtItsTime(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let programmes = database.programmes
            try await programmes.create(Self.programme(), now: Self.t0.addingTimeInterval(-86_400))
            let customer = Self.customers(.treated, count: 1)[0]
            try await Self.seedComplaints(database, [Self.complaint("f1", customer: customer)])
            try await database.consents.record([Self.phoneConsent(customer)])
            // At 23:13 in Moscow (no zone known for the customer): wait until 09:00.
            let night = Self.t0.addingTimeInterval(14 * 3_600)
            let waiting = try await programmes.trigger(
                Self.programme(), event: ProgrammeTriggerEvent(key: "feedback:f1", customer: customer, at: Self.t0), organisationZone: Self.moscow, now: night)
            #expect(waiting.status == "waiting" && waiting.reason == "quiet_hours")
            let morning = try #require(waiting.dueAt)
            #expect(abs(morning.timeIntervalSince(Self.t0.addingTimeInterval(24 * 3_600 - 13 * 60 - 20.123))) < 0.01)
            #expect(try await programmes.actDue(organisationZone: Self.moscow, now: night.addingTimeInterval(3_600)).isEmpty, "not yet")
            let done = try await programmes.actDue(organisationZone: Self.moscow, now: morning)
            #expect(done.map(\.status) == ["done"])
            #expect(try await programmes.contacts(of: customer, since: .distantPast).count == 1)
        }
    }

    @Test(arguments: TestEngine.available)
    func theHoldoutIsFrozenAtFirstEligibility(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let programmes = database.programmes
            try await programmes.create(Self.programme(), now: Self.t0.addingTimeInterval(-86_400))
            // Treated at a 10 % hold-out, held out at 50 %: the arm drawn first stays.
            let customer = try #require(Self.customers(.treated, count: 200).first {
                HoldoutAssignment.arm(programme: "callback", customer: $0, share: 0.5) == .holdout
            })
            try await Self.seedComplaints(database, [Self.complaint("f1", customer: customer), Self.complaint("f2", customer: customer, minutes: 1)])
            _ = try await programmes.trigger(Self.programme(), event: .init(key: "feedback:f1", customer: customer, at: Self.t0), organisationZone: Self.moscow, now: Self.now)
            let second = try await programmes.trigger(
                Self.programme(holdout: 0.5), event: .init(key: "feedback:f2", customer: customer, at: Self.t0), organisationZone: Self.moscow, now: Self.now)
            #expect(second.arm == .treated)
            #expect(try await programmes.arm(programme: "callback", customer: customer) == .treated)
        }
    }

    /// Eight triggers from two programmes for one customer at once, a cap of two in seven days: exactly two contacts.
    @Test(arguments: TestEngine.available)
    func twoWritersCannotExceedTheCap(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let programmes = database.programmes
            let first = Self.programme("callback"), second = Self.programme("second")
            try await programmes.create(first, now: Self.t0.addingTimeInterval(-86_400))
            try await programmes.create(second, now: Self.t0.addingTimeInterval(-86_400))
            let customer = try #require(Self.customers(.treated, count: 200).first {
                HoldoutAssignment.arm(programme: "second", customer: $0, share: 0.1) == .treated
            })
            try await Self.seedComplaints(database, [Self.complaint("f1", customer: customer)])
            try await database.consents.record([Self.phoneConsent(customer)])
            let results = try await withThrowingTaskGroup(of: ProgrammeActionRecord.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        try await programmes.trigger(
                            index % 2 == 0 ? first : second, event: .init(key: "event:\(index)", customer: customer, at: Self.t0),
                            organisationZone: Self.moscow, now: Self.now)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter { $0.status == "done" }.count == 2)
            #expect(results.filter { $0.status == "skipped" }.allSatisfy { $0.reason == "too_late: frequency_cap" })
            #expect(try await programmes.contacts(of: customer, since: .distantPast).count == 2)

            // The plain check-and-write too: eight writers, a cap of three.
            let other = "C-cap"
            _ = try await database.feedback.insert([Self.complaint("f9", customer: other)], createMissingReferences: false)
            let limits = ContactLimits(maxContacts: 3, windowDays: 7)
            let written = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await programmes.contactWithinCap(
                            ContactRecord(customer: other, channel: "phone", purpose: .service, source: "staff", at: Self.now), limits: limits)
                    }
                }
                return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(written == 3)
            #expect(try await programmes.contacts(of: other, since: .distantPast).count == 3)
        }
    }

    @Test(arguments: TestEngine.available)
    func aMergeKeepsTheSurvivorsHoldoutAndAnUnmergeRestoresBoth(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let programmes = database.programmes
            try await programmes.create(Self.programme(), now: Self.t0.addingTimeInterval(-86_400))
            let survivor = Self.customers(.treated, count: 1)[0], (phone, absorbed) = Self.heldOutPhone()
            let inheriting = Self.customers(.treated, count: 2)[1]
            try await Self.seedComplaints(database, [
                Self.complaint("f1", customer: survivor), Self.complaint("f2", customer: nil, minutes: 1, phone: phone),
            ])
            _ = try await database.feedback.insert([Fixture.item("f3", nps: 9)].map { var item = $0; item.customer = inheriting; return item }, createMissingReferences: false)
            try await database.consents.record([Self.phoneConsent(survivor)])
            _ = try await programmes.triggerFromFeed(consumer: "programmes", following: nil, limit: 100, organisationZone: Self.moscow, now: Self.now)
            #expect(try await programmes.arm(programme: "callback", customer: absorbed) == .holdout)

            let merge = try await database.customerMerges.merge(survivor: survivor, absorbed: absorbed, evidence: ["rule": "manual"], actor: "admin")
            #expect(try await programmes.arm(programme: "callback", customer: survivor) == .treated, "the survivor keeps its own arm")
            #expect(merge.movedRecords["programme_enrolments"]?.count == 1)
            #expect(try await programmes.contacts(of: survivor, since: .distantPast).count == 1)
            _ = try await database.customerMerges.unmerge(id: merge.id, actor: "admin")
            #expect(try await programmes.arm(programme: "callback", customer: absorbed) == .holdout)
            #expect(try await programmes.arm(programme: "callback", customer: survivor) == .treated)

            // A survivor never enrolled inherits the absorbed customer's arm (its first eligibility).
            _ = try await database.customerMerges.merge(survivor: inheriting, absorbed: absorbed, evidence: ["rule": "manual"], actor: "admin")
            #expect(try await programmes.arm(programme: "callback", customer: inheriting) == .holdout)
        }
    }

    @Test(arguments: TestEngine.available)
    func surveyInvitationsWriteTheSharedLedgerAndCountAgainstTheCap(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            try await database.reference.save(Location(code: "L1", name: "L1"))
            _ = try await database.surveys.create(SurveyRepositoryContractTests.survey(), now: SurveyRepositoryContractTests.now)
            _ = try await database.surveys.invite(
                survey: "visit", SurveyRepositoryContractTests.visit("v-1", customer: "C-s"), now: SurveyRepositoryContractTests.now, deliver: false)
            let ledger = try await database.programmes.contacts(of: "C-s", since: .distantPast)
            #expect(ledger.map(\.source) == ["survey:visit"] && ledger.map(\.purpose) == [.survey])
            // A contact recorded under the customer's id (a staff call) and the survey: a cap of two is reached.
            try await database.programmes.recordContact(
                ContactRecord(customer: "C-s", channel: "phone", purpose: .service, source: "staff", at: SurveyRepositoryContractTests.now))
            let written = try await database.programmes.contactWithinCap(
                ContactRecord(customer: "C-s", channel: "sms", purpose: .service, source: "programme:x", at: SurveyRepositoryContractTests.now),
                limits: ContactLimits(maxContacts: 2, windowDays: 7))
            #expect(!written)
        }
    }

    /// A staff member's call-back on a case is a contact in the shared ledger: with a cap of one, the programme then waits.
    @Test(arguments: TestEngine.available)
    func aStaffCallBackCountsAgainstTheCap(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let programmes = database.programmes
            try await programmes.create(Self.programme(maxContacts: 1), now: Self.t0.addingTimeInterval(-86_400))
            let customer = Self.customers(.treated, count: 1)[0]
            try await Self.seedComplaints(database, [Self.complaint("f1", customer: customer)])
            try await database.consents.record([Self.phoneConsent(customer)])
            let opened = try #require(try await database.cases.cases(CaseFilter()).first)
            _ = try await database.cases.apply(
                .recordFollowUp(.calledBack, note: nil), to: opened.id, actor: "S01", now: Self.t0.addingTimeInterval(600),
                schedule: CaseRepositoryContractTests.schedule)
            #expect(try await programmes.contacts(of: customer, since: .distantPast).map(\.source) == ["staff:case:\(opened.id)"])
            let action = try await programmes.trigger(
                Self.programme(maxContacts: 1), event: .init(key: "feedback:f1", customer: customer, at: Self.t0), organisationZone: Self.moscow, now: Self.now)
            #expect(action.status == "skipped" && action.reason == "too_late: frequency_cap")
        }
    }

    /// A programme significantly worse than its hold-out is flagged harmful and, with auto_pause, pauses itself.
    @Test(arguments: TestEngine.available)
    func aHarmfulProgrammeWithAutoPausePausesItself(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let programmes = database.programmes
            var programme = Self.programme(holdout: 0.5, outcomeDays: 1)
            programme.autoPause = true
            try await programmes.create(programme, now: Self.t0.addingTimeInterval(-86_400))
            let customers = (1...40).map { "H\($0)" }
            try await Self.seedComplaints(database, customers.enumerated().map { Self.complaint("f\($0.offset)", customer: $0.element) })
            _ = try await programmes.triggerFromFeed(consumer: "programmes", following: nil, limit: 100, organisationZone: Self.moscow, now: Self.now)
            // Only the held-out customers come back.
            var purchases: [Transaction] = []
            for customer in customers where try await programmes.arm(programme: "callback", customer: customer) == .holdout {
                purchases.append(Transaction(id: "t-\(customer)", ts: Self.t0.addingTimeInterval(3_600), customer: customer, amount: 100))
            }
            #expect(purchases.count >= 8 && purchases.count <= 32, "\(purchases.count) held out")
            _ = try await database.transactions.insert(purchases, createMissingReferences: false)
            let report = try await programmes.report(code: "callback", now: Self.t0.addingTimeInterval(3 * 86_400))
            #expect(report.harmful && report.effect == -100)
            let stored = try await programmes.programme(code: "callback")
            #expect(stored?.programme.status == .paused && stored?.statusReason == "harmful")
        }
    }

    @Test(arguments: TestEngine.available)
    func theReportCountsEachCustomersOutcomeInItsWindow(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let programmes = database.programmes
            let programme = Self.programme(outcomeDays: 30)
            try await programmes.create(programme, now: Self.t0.addingTimeInterval(-86_400))
            let treated = Self.customers(.treated, count: 3), held = Self.customers(.holdout, count: 2)
            let everyone = treated + held
            try await Self.seedComplaints(database, everyone.enumerated().map { Self.complaint("f\($0.offset)", customer: $0.element, minutes: Double($0.offset)) })
            _ = try await programmes.triggerFromFeed(consumer: "programmes", following: nil, limit: 100, organisationZone: Self.moscow, now: Self.now)
            // Two treated buy within 30 days, one held-out buys after the window, one held-out within it.
            let day: TimeInterval = 86_400
            _ = try await database.transactions.insert([
                Transaction(id: "t1", ts: Self.t0.addingTimeInterval(5 * day), customer: treated[0], amount: 100),
                Transaction(id: "t2", ts: Self.t0.addingTimeInterval(29 * day), customer: treated[1], amount: 50),
                Transaction(id: "t3", ts: Self.t0.addingTimeInterval(31 * day), customer: held[0], amount: 70),
                Transaction(id: "t4", ts: Self.t0.addingTimeInterval(2 * day), customer: held[1], amount: 10),
            ], createMissingReferences: false)
            #expect(try await programmes.observations(programme, now: Self.t0.addingTimeInterval(10 * day)).isEmpty, "no window has closed")
            let observed = try await programmes.observations(programme, now: Self.t0.addingTimeInterval(40 * day))
            #expect(observed.filter { $0.arm == .treated }.map(\.outcome).sorted() == [0, 1, 1])
            #expect(observed.filter { $0.arm == .holdout }.map(\.outcome).sorted() == [0, 1])
            let report = try await programmes.report(code: "callback", now: Self.t0.addingTimeInterval(40 * day))
            #expect(report.treated.n == 3 && report.holdout.n == 2)
            #expect(abs(report.treated.value! - 200.0 / 3) < 1e-9 && report.holdout.value == 50)
        }
    }
}
