import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore

/// Fills a database with the demo organisation and keeps a `demo` login ready.
public struct DemoSeeder: Sendable {
    public static let defaultRecords = 220_000
    public static let demoUser = "demo"
    let app: OtklikApp

    public init(app: OtklikApp) {
        self.app = app
    }

    /// Writes the reference data, `records` feedback and `records`/5 contact-centre calls in chunks, reporting
    /// progress on the feedback. Re-running with the
    /// same seed and end date adds nothing: the ids repeat, so every item is a duplicate.
    public func seed(records: Int = defaultRecords, seed: UInt64 = 2026, end: Date = Date(), progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> InsertOutcome {
        try await Self.prepareReference(app.database)
        try await app.follower.catchUp()

        let dayEnd = Date(timeIntervalSince1970: (end.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
        var generator = DemoFeedbackGenerator(seed: seed, end: dayEnd)
        generator.callBackScale = DemoCallBack.scale(forRecords: records)
        var total = InsertOutcome()
        var lowScores: [Feedback] = []
        var visits = SeededRandom(seed: seed &+ 0x7A1C)
        let chunk = 10_000
        for start in stride(from: 0, to: records, by: chunk) {
            let items = (start..<min(start + chunk, records)).map { generator.make(index: $0 + 1) }
            // Some visits at the desks were recorded: the transcripts come before the ratings, so they are checked
            // against the conversation standard when stored.
            var talks: [Transcript] = []
            for item in items where (item.channel == .terminal || item.channel == .qrWeb) && visits.chance(0.06) {
                if let talk = DemoConversations.visit(before: item, random: &visits) { talks.append(talk) }
            }
            if !talks.isEmpty { _ = try await app.database.transcripts.insert(talks, createMissingReferences: false) }
            // The generator's records are valid by construction (DemoDataTests); cases are opened below at the
            // time each complaint or low score came in, not at seeding time, so they are written here without the live path.
            let outcome = try await app.database.feedback.insert(items, createMissingReferences: false)
            lowScores += items.filter { $0.kind != .complaint && FeedbackCase.opens(for: $0) }
            try await app.follower.catchUp()
            try await app.textAnalysis.catchUp()
            total.inserted += outcome.inserted
            total.duplicates += outcome.duplicates
            progress(min(start + chunk, records), records)
        }
        var calls = DemoCallGenerator(seed: seed, end: dayEnd)
        let callCount = records / 5
        for start in stride(from: 0, to: callCount, by: chunk) {
            let items = (start..<min(start + chunk, callCount)).map { calls.make(index: $0 + 1) }
            _ = try await app.database.interactions.insert(items, createMissingReferences: false)
            try await app.follower.catchUp()
        }
        try await seedProcess(requests: records / 10, seed: seed, end: dayEnd)
        try await seedCases(seed: seed, end: dayEnd, lowScores: lowScores)
        try await DemoSurvey.seed(app.database.surveys, seed: seed, end: dayEnd)
        try await DemoServiceQualitySurvey.seed(app.database.surveys, seed: seed, end: dayEnd)
        try await DemoStaffSurvey.seed(app.database.surveys, seed: seed, end: dayEnd)
        try await DemoCustomers.seedNames(app.database.customers)
        let population = try await DemoTransactions.seed(
            app.database, seed: seed, end: dayEnd, customers: DemoTransactions.customers(forRecords: records), programme: true)
        try await DemoJourney.seed(app.database, now: dayEnd)
        try await DemoMaturity.seed(app.database, now: dayEnd)
        try await DemoProgramme.seed(app, end: dayEnd, plan: population.programme)
        try await DemoExperiment.seed(app.database, end: dayEnd)
        try await DemoSegments.seed(app.database, now: dayEnd)
        _ = try await DemoLifeSituations.seed(app, seed: seed, end: dayEnd)
        try await DemoEmployeeExperience.seed(app.database, seed: seed, end: dayEnd)
        try await app.textAnalysis.catchUp()
        // The webhooks and notifications of the year's case history, which the consumers of the change feed write.
        try await app.caseWebhooks.catchUp()
        try await app.caseNotifications.catchUp()
        // The year's history was read by its people at the time: only the last two weeks' notifications are unread,
        // as in an organisation that uses Otklik (otherwise the demo login opens on ~2,500 unread notifications). Last,
        // after every step that opens cases (complaints, the programme's call-backs) and the notifications' consumer.
        _ = try await app.database.notifications.markReadAsOfCreation(createdBefore: dayEnd.addingTimeInterval(-14 * 86_400))
        return total
    }

    /// A fresh invitation to the demo survey (issued at every start, like the demo password): its id, survey code
    /// and link token; nil when the demo survey is absent.
    public func surveyInvitation(now: Date = Date()) async throws -> (invitation: String, survey: String, token: String)? {
        guard try await app.database.surveys.survey(code: DemoSurvey.code) != nil else { return nil }
        let item = SurveyInteraction(id: "demo-link-\(UUID().uuidString.prefix(8).lowercased())", at: now, channel: "terminal")
        let (invitation, token) = try await app.database.surveys.invite(survey: DemoSurvey.code, item, now: now, deliver: false)
        return (invitation.id, DemoSurvey.code, token)
    }

    /// Opens each case when its feedback came in — the complaints and the low scores that left a contact
    /// (`lowScores`, the generator's records ``FeedbackCase/opens(for:)`` calls a case for), through the product's own
    /// ``CaseRepository/openCases(forFeedback:schedule:now:)`` — and works it as ``DemoCaseFlow`` plans: the first
    /// call-back, the resolution, sometimes a reopening and a second resolution, each at its time, none after the end.
    /// The complaints keep the draws they had before the low scores opened cases (whether called back, the resolution
    /// code, open when of the last 14 days), so the customers with an unresolved complaint, and with them the planted
    /// stops of ``DemoTransactions``, are as they were. (The churn model's late and unresolved case features also see
    /// the low scores' cases now: on the 20,000-record demo its validation AUC went from 0.887 to 0.855, recency 0.804.)
    func seedCases(seed: UInt64, end: Date, lowScores: [Feedback]) async throws {
        var random = SeededRandom(seed: seed &+ 0xCA5E)
        var flow = DemoCaseFlow(seed: seed)
        var returns = SeededRandom(seed: seed &+ 0x2EC0)
        var recoveries: [Feedback] = []
        var complaints: [Feedback] = []
        var cursor: FeedbackCursor?
        repeat {
            let page = try await app.database.feedback.list(FeedbackFilter(kind: .complaint), after: cursor, limit: 1000)
            complaints += page.items
            cursor = page.next
        } while cursor != nil
        let schedule = try await app.caseSchedule.current()
        let clock = schedule.clock
        let talks = complaints.filter { _ in random.chance(0.4) }.compactMap(DemoConversations.transcript(for:))
        _ = try await app.database.transcripts.insert(talks, createMissingReferences: false)
        let all = (complaints + lowScores.filter { $0.kind != .complaint }).sorted { ($0.ts, $0.id) < ($1.ts, $1.id) }
        for item in all {
            guard let opened = try await app.database.cases.openCases(forFeedback: [item.id], schedule: schedule, now: item.ts).first else { continue }
            let recent = item.ts >= end.addingTimeInterval(-30 * 86_400)
            var steps = flow.steps(location: item.location, recent: recent, complaint: item.kind == .complaint)
            if item.kind == .complaint {
                // The complaint's own draws, in the order they were always made.
                guard item.ts < end.addingTimeInterval(-14 * 86_400) else { continue }
                _ = random.unit()
                let calledBack = random.chance(0.8)
                steps.code = random.pick(["explained", "explained", "fixed", "compensated", "unfounded", "no_answer"])
                if !calledBack { steps.firstResponse = nil }
            }
            func at(_ hours: Double, from start: Date) -> Date? {
                let moment = clock.adding(hours * 3600, to: start)
                return moment < end ? moment : nil
            }
            // A complaint left unresolved (no answer, unfounded) is not reopened, nor one whose second resolution would
            // fall after the end: each stays resolved or not as the churn model knows it.
            if item.kind == .complaint, let reopen = steps.reopen {
                let first = clock.adding((steps.resolution ?? 0) * 3600, to: item.ts)
                let back = clock.adding((reopen.after + reopen.resolvedIn) * 3600, to: first)
                if ["no_answer", "unfounded"].contains(steps.code) || back >= end { steps.reopen = nil }
            }
            // A call-back that resolved the case within the hour is the resolution itself (the first answer too).
            if let hours = steps.firstResponse, (steps.resolution ?? .infinity) - hours >= 1, let moment = at(hours, from: item.ts) {
                _ = try await app.database.cases.apply(.recordFollowUp(.calledBack, note: nil), to: opened.id, actor: "demo", now: moment, schedule: schedule)
            }
            guard let hours = steps.resolution, let resolved = at(hours, from: item.ts) else { continue }
            _ = try await app.database.cases.apply(.resolve(code: steps.code, note: nil), to: opened.id, actor: "demo", now: resolved, schedule: schedule)
            var last = (at: resolved, code: steps.code)
            if let reopen = steps.reopen, let reopened = at(reopen.after, from: resolved) {
                _ = try await app.database.cases.apply(.reopen(reason: "Клиент перезвонил: вопрос не решён"), to: opened.id, actor: "demo", now: reopened, schedule: schedule)
                guard let again = at(reopen.resolvedIn, from: reopened) else { continue }
                _ = try await app.database.cases.apply(.resolve(code: "fixed", note: nil), to: opened.id, actor: "demo", now: again, schedule: schedule)
                last = (again, "fixed")
            }
            if let rating = DemoCaseFlow.recovery(after: last.at, code: last.code, of: item, random: &returns, end: end) { recoveries.append(rating) }
        }
        // The satisfied returns, stored after every case is worked (a 4-5 opens no case).
        _ = try await app.database.feedback.insert(recoveries, createMissingReferences: false)
        try await app.follower.catchUp()
    }

    /// Service requests with their e-mails, the agents' state log and the working-day calendar.
    func seedProcess(requests count: Int, seed: UInt64, end: Date) async throws {
        var generator = DemoProcessGenerator(seed: seed, end: end)
        let zone = generator.zone
        let firstYear = Calendar(identifier: .gregorian).component(.year, from: generator.moments.start)
        let holidays = DemoProcessGenerator.holidays(years: firstYear...(firstYear + 1))
        try await app.database.process.setCalendarDays(holidays)
        try await app.follower.catchUp()
        let chunk = 5_000
        for start in stride(from: 0, to: count, by: chunk) {
            let made = (start..<min(start + chunk, count)).map { generator.make(index: $0 + 1) }
            let requests = made.map(\.request), emails = made.flatMap(\.emails)
            _ = try await app.database.process.insert(requests, createMissingReferences: false)
            try await app.follower.catchUp()
            _ = try await app.database.interactions.insert(emails, createMissingReferences: false)
            try await app.follower.catchUp()
        }
        let first = LocalCalendar.day(of: generator.moments.start, in: zone), last = LocalCalendar.day(of: end, in: zone)
        var states: [AgentStateInterval] = []
        for day in first...last {
            states += generator.agentStates(day: day)
            if states.count >= chunk || day == last {
                _ = try await app.database.process.insert(states, createMissingReferences: false)
                try await app.follower.catchUp()
                states = []
            }
        }
    }

    /// The demo organisation (Moscow time, Russian by default), its regions, locations, staff and services.
    /// Run it before ``OtklikApp/open(_:logger:registry:hasher:prepare:)`` loads analytics, so days use Moscow time.
    public static func prepareReference(_ database: AppDatabase) async throws {
        var organisation = try await database.reference.organisation()
        organisation.name = "Демо-банк"
        organisation.timezone = "Europe/Moscow"
        organisation.defaultLang = "ru"
        try await database.reference.save(organisation)
        for region in DemoCatalogue.regions { try await database.reference.save(region) }
        for location in DemoCatalogue.locations { try await database.reference.save(location) }
        for staff in DemoCatalogue.staff { try await database.reference.save(staff) }
        for service in DemoCatalogue.services { try await database.reference.save(service) }
        try await database.reasons.replaceAll(DemoCatalogue.reasons)
        try await database.playbooks.replaceAll(DemoCatalogue.playbooks)
    }

    /// Creates or resets the `demo` user (an administrator linked to the weak location's manager, so the
    /// notifications page has something to show) with a fresh random password and returns the password.
    public func resetDemoUser() async throws -> String {
        let password = "demo-" + String((0..<12).map { _ in "abcdefghjkmnpqrstuvwxyz23456789".randomElement()! })
        let hash = try await app.hasher.hash(password)
        if try await app.database.access.user(username: Self.demoUser) == nil {
            try await app.database.access.createUser(username: Self.demoUser, passwordHash: hash, role: .admin)
        } else {
            // A restart prints a new password but keeps the sessions: sessions are promised to survive restarts.
            try await app.database.access.setPassword(username: Self.demoUser, passwordHash: hash, endingSessions: false)
        }
        try await app.database.access.setStaff(username: Self.demoUser, staff: DemoCatalogue.weakLocationManager)
        return password
    }

    /// The name of the one live demo API key.
    public static let demoKeyName = "demo"

    /// A fresh demo API key; earlier demo keys are revoked, so restarts leave one live demo key, not one more each time.
    public func rotateDemoKey() async throws -> String {
        try await app.database.access.revokeApiKeys(named: Self.demoKeyName)
        return try await app.database.access.createApiKey(name: Self.demoKeyName).secret
    }
}
