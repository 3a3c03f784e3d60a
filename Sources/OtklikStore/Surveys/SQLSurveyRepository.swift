import Foundation
import OtklikCore
import OtklikMetrics

public struct SQLSurveyRepository: SurveyRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ value: Int64) -> Date { Date(timeIntervalSince1970: Double(value) / 1000) }
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func json(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }

    // MARK: surveys

    @discardableResult
    public func create(_ survey: Survey, now: Date) async throws -> Bool {
        try survey.validate()
        let definition = try Self.json(survey)
        return try await database.transaction { (tx: any SQLExecutor) -> Bool in
            try await Self.refuseUnknownSegments(survey, tx)
            let existing = try await tx.query("SELECT definition FROM surveys WHERE code = ?", [.text(survey.code)])
            if let row = existing.first {
                let stored = try JSONDecoder().decode(Survey.self, from: Data(try row.string("definition").utf8))
                guard stored == survey else {
                    throw OtklikError(.conflict, "survey '\(survey.code)' exists with another definition", field: "code")
                }
                return false
            }
            try await tx.execute(
                "INSERT INTO surveys (code, definition, purpose, created_at, state_version) VALUES (?, ?, ?, ?, 0)",
                [.text(survey.code), .text(definition), .text(survey.purpose.rawValue), .int(Self.ms(now))])
            try await tx.insertRows(
                "survey_questions", columns: ["survey_code", "code", "position", "type", "factor", "integral"],
                rows: survey.questions.enumerated().map { index, question in
                    [.text(survey.code), .text(question.code), .int(Int64(index)), .text(question.type.rawValue), SQLValue(question.factor),
                     .int(question.integral ? 1 : 0)]
                })
            return true
        }
    }

    public func update(_ survey: Survey, now: Date) async throws {
        try survey.validate()
        try await database.transaction { (tx: any SQLExecutor) in
            guard let row = try await tx.query("SELECT definition FROM surveys WHERE code = ?", [.text(survey.code)]).first else {
                throw OtklikError(.notFound, "no survey '\(survey.code)'", field: "code")
            }
            try await Self.refuseUnknownSegments(survey, tx)
            let stored = try Self.survey(row: row)
            let answered = try await tx.query(
                "SELECT 1 AS one FROM survey_answers a JOIN survey_invitations i ON i.id = a.invitation_id WHERE i.survey_code = ? LIMIT 1",
                [.text(survey.code)]).first != nil
            if answered, let change = stored.changeBeyondWording(survey) {
                throw OtklikError(
                    .conflict, "survey '\(survey.code)' has answers: only its wording can change now, not \(change); create a new survey for that",
                    field: "questions")
            }
            try await tx.execute("UPDATE surveys SET definition = ?, purpose = ? WHERE code = ?", [.text(try Self.json(survey)), .text(survey.purpose.rawValue), .text(survey.code)])
            try await tx.execute("DELETE FROM survey_questions WHERE survey_code = ?", [.text(survey.code)])
            try await tx.insertRows(
                "survey_questions", columns: ["survey_code", "code", "position", "type", "factor", "integral"],
                rows: survey.questions.enumerated().map { index, question in
                    [.text(survey.code), .text(question.code), .int(Int64(index)), .text(question.type.rawValue), SQLValue(question.factor),
                     .int(question.integral ? 1 : 0)]
                })
        }
    }

    /// A plan's `segment` stratum names defined segments only: the first unknown one is refused by its index.
    static func refuseUnknownSegments(_ survey: Survey, _ tx: any SQLExecutor) async throws {
        let codes = survey.sampling.segments
        guard !codes.isEmpty else { return }
        let marks = SQLMarks.list(codes.count)
        let known = Set(try await tx.query("SELECT code FROM segments WHERE code IN (\(marks))", codes.map { .text($0) }).compactMap { $0.text("code") })
        if let index = codes.firstIndex(where: { !known.contains($0) }) {
            throw OtklikError.invalid("sampling.segments[\(index)]", "no segment '\(codes[index])': define it first (/api/v1/segments)")
        }
    }

    public func close(survey code: String, now: Date) async throws {
        guard try await survey(code: code) != nil else { throw OtklikError(.notFound, "no survey '\(code)'", field: "code") }
        try await database.execute("UPDATE surveys SET closed_at = ? WHERE code = ? AND closed_at IS NULL", [.int(Self.ms(now)), .text(code)])
    }

    public func closedAt(survey code: String) async throws -> Date? {
        try await database.query("SELECT closed_at FROM surveys WHERE code = ?", [.text(code)]).first?.int64("closed_at").map(Self.date)
    }

    static func refuseClosed(_ code: String, _ tx: any SQLExecutor) async throws {
        if try await tx.query("SELECT closed_at FROM surveys WHERE code = ?", [.text(code)]).first?.int64("closed_at") != nil {
            throw OtklikError(.conflict, "survey '\(code)' is closed: it takes no new invitations or answers", field: "code")
        }
    }

    public func surveys() async throws -> [Survey] {
        try await database.query("SELECT definition FROM surveys ORDER BY created_at, code", []).map(Self.survey(row:))
    }

    public func survey(code: String) async throws -> Survey? {
        try await database.query("SELECT definition FROM surveys WHERE code = ?", [.text(code)]).first.map(Self.survey(row:))
    }

    static func survey(row: SQLRow) throws -> Survey {
        try JSONDecoder().decode(Survey.self, from: Data(try row.string("definition").utf8))
    }

    // MARK: sampling

    public func sample(
        survey code: String, _ items: [SurveyInteraction], now: Date, deliver: Bool, segments: SegmentMemberships?
    ) async throws -> [SamplingResult] {
        try items.validateEach { try $0.validate() }
        guard let survey = try await survey(code: code) else { throw OtklikError(.notFound, "no survey '\(code)'", field: "code") }
        let zone = try await timeZone()
        guard let plan = survey.sampling.plan(timeZone: zone) else {
            throw OtklikError(.invalidInput, "the survey's sampling plan is not usable", field: "sampling")
        }
        var evaluated: SegmentStratum?
        if survey.sampling.usesSegments {
            guard let segments else {
                throw OtklikError(.unavailable, "survey '\(code)' is stratified by segment: it is sampled where segments are evaluated (the server)", field: "sampling")
            }
            evaluated = try await segments(survey.sampling.segments)
        }
        let segmentStratum = evaluated
        return try await database.transaction { (tx: any SQLExecutor) -> [SamplingResult] in
            try await Self.decide(
                survey: survey, plan: plan, zone: zone, segments: segmentStratum, items, now: now, deliver: deliver, tx)
        }
    }

    /// Decides `items` for `survey` in order with the plan's persisted state, in the caller's transaction (the request's
    /// own in ``sample(survey:_:now:deliver:segments:)``, the `survey-sampling` consumer's for offers): a decision for
    /// each one not decided before, an invitation (and with `deliver` an outbox row) for each one invited. A closed
    /// survey is refused. An outbox row is first due at `deliverFrom` (nil: `now`).
    static func decide(
        survey: Survey, plan: SamplingPlan, zone: TimeZone, segments segmentStratum: SegmentStratum?, _ items: [SurveyInteraction],
        now: Date, deliver: Bool, deliverFrom: Date? = nil, _ tx: any SQLExecutor
    ) async throws -> [SamplingResult] {
        let code = survey.code
        // Taking the survey's row first serialises concurrent batches of one survey on PostgreSQL (SQLite
        // serialises every write transaction): each batch sees the state the previous one left.
        try await tx.execute("UPDATE surveys SET state_version = state_version + 1 WHERE code = ?", [.text(code)])
        try await Self.refuseClosed(code, tx)
        let stateText = try await tx.query("SELECT sampling_state FROM surveys WHERE code = ?", [.text(code)]).first?.text("sampling_state")
        var state = try stateText.map { try JSONDecoder().decode(SamplingState.self, from: Data($0.utf8)) } ?? SamplingState()
        let known = try await Self.decisions(code, ids: items.map(\.id), tx)
        let customerIDs = segmentStratum == nil ? [:] : try await Self.customerIDs(items, tx)
        var results: [SamplingResult] = []
        var decidedNow: [String: SamplingResult] = [:]
        var invitedInBatch: [String: Date] = [:]
        for item in items {
            if let first = known[item.id] ?? decidedNow[item.id] {
                var again = first
                again.duplicate = true
                results.append(again)
                continue
            }
            let unit = item.samplingUnit(timeZone: zone, segment: segmentStratum?.label(customer: customerIDs[item.id]))
            var result: SamplingResult
            if let excluded = survey.attributes.pairs.first(where: { name, value in item.value(of: name) != value }) {
                result = SamplingResult(
                    interaction: item.id, outcome: "not_eligible", stratum: plan.stratum(of: unit),
                    explanation: "not_eligible: the survey is for \(excluded.0) \(excluded.1)")
            } else {
                if let customer = item.customer {
                    let stored = try await Self.lastInvitation(of: customer, tx)
                    let latest = [stored, invitedInBatch[customer]].compactMap { $0 }.max()
                    state.fatigue = FatigueLedger(lastInvited: latest.map { [customer: $0] } ?? [:])
                }
                let decision = plan.decide(unit, state: &state)
                result = SamplingResult(
                    interaction: item.id, outcome: decision.outcome.rawValue, stratum: decision.stratum,
                    explanation: decision.explanation + (segmentStratum.map { "; segments as of \(Timestamp.format($0.asOf))" } ?? ""))
                if decision.isInvited {
                    let (invitation, token) = try await Self.insertInvitation(
                        survey: survey, item: item, stratum: decision.stratum, now: now, deliver: deliver, deliverFrom: deliverFrom, tx)
                    result.invitation = invitation.id
                    result.token = token
                    if let customer = item.customer { invitedInBatch[customer] = item.at }
                }
            }
            try await Self.insertDecision(code, result, at: item.at, now: now, tx)
            decidedNow[item.id] = result
            results.append(result)
        }
        state.fatigue = FatigueLedger()  // the ledger lives in survey_invitations, across surveys
        try await tx.execute("UPDATE surveys SET sampling_state = ? WHERE code = ?", [.text(try Self.json(state)), .text(code)])
        return results
    }

    public func invite(survey code: String, _ item: SurveyInteraction, now: Date, deliver: Bool) async throws -> (SurveyInvitation, String) {
        try item.validate()
        guard let survey = try await survey(code: code) else { throw OtklikError(.notFound, "no survey '\(code)'", field: "code") }
        return try await database.transaction { (tx: any SQLExecutor) -> (SurveyInvitation, String) in
            try await Self.refuseClosed(code, tx)
            guard try await Self.decisions(code, ids: [item.id], tx).isEmpty else {
                throw OtklikError(.conflict, "interaction '\(item.id)' was already offered to survey '\(code)'", field: "id")
            }
            let (invitation, token) = try await Self.insertInvitation(survey: survey, item: item, stratum: "*", now: now, deliver: deliver, tx)
            try await Self.insertDecision(
                code, SamplingResult(interaction: item.id, outcome: "invited", stratum: "*", explanation: "invited by hand", invitation: invitation.id),
                at: item.at, now: now, tx)
            return (invitation, token)
        }
    }

    /// The customer each interaction belongs to, by interaction id, as its invitation would link it (the client's
    /// customer id, else its contact), read without creating anyone: an identifier nobody owns yet gives the id a new
    /// customer would get, which no segment holds.
    static func customerIDs(_ items: [SurveyInteraction], _ tx: any SQLExecutor) async throws -> [String: String] {
        let claims = items.map(Self.claims)
        var owners = try await CustomerResolver.owners(of: Set(claims.flatMap { $0 }), tx)
        var result: [String: String] = [:]
        for (item, claim) in zip(items, claims) {
            if let resolution = CustomerMatcher.resolve(claim, owners: &owners, newID: CustomerResolver.customerID) { result[item.id] = resolution.customer }
        }
        return result
    }

    /// The identities an interaction names its customer by: the client's id verbatim and the contact, normalised.
    static func claims(_ item: SurveyInteraction) -> [CustomerIdentity] {
        [item.customer.flatMap { IdentityNormalizer.verbatim($0, kind: .external).identity },
         item.contact.flatMap { IdentityNormalizer.contact($0).identity }].compactMap { $0 }
    }

    static func timeZoneName(_ executor: any SQLExecutor) async throws -> String {
        try await executor.query("SELECT timezone FROM organisation WHERE id = 1", []).first?.text("timezone") ?? "UTC"
    }

    func timeZone() async throws -> TimeZone {
        TimeZone(identifier: try await Self.timeZoneName(database)) ?? TimeZone(identifier: "UTC")!
    }

    static func decisions(_ code: String, ids: [String], _ tx: any SQLExecutor) async throws -> [String: SamplingResult] {
        var found: [String: SamplingResult] = [:]
        let rows = try await tx.query(in: Set(ids), before: [.text(code)]) { marks in
            """
            SELECT d.interaction_id, d.outcome, d.stratum, d.explanation, d.invitation_id,
                   (SELECT o.token FROM survey_outbox o WHERE o.invitation_id = d.invitation_id AND o.status = 'pending') AS token
            FROM survey_decisions d WHERE d.survey_code = ? AND d.interaction_id IN (\(marks))
            """
        }
        for row in rows {
            let id = try row.string("interaction_id")
            found[id] = SamplingResult(
                interaction: id, outcome: try row.string("outcome"), stratum: try row.string("stratum"),
                explanation: try row.string("explanation"), invitation: row.text("invitation_id"), token: row.text("token"))
        }
        return found
    }

    /// The customer's last survey contact: an invitation sent for them (as the client named them) or any survey-purpose
    /// contact in the shared contact ledger (``ContactLedger``) of the customer their id belongs to (after a merge, the
    /// survivor's, so the fatigue rule spans both).
    static func lastInvitation(of customer: String, _ tx: any SQLExecutor) async throws -> Date? {
        let invited = try await tx.query("SELECT MAX(invited_at) AS last FROM survey_invitations WHERE customer = ?", [.text(customer)]).first?
            .int64("last")
        let contacted = try await tx.query(
            """
            SELECT MAX(l.contacted_at) AS last FROM contact_ledger l
            WHERE l.purpose = 'survey' AND l.customer_id IN (SELECT customer_id FROM customer_identities WHERE kind = 'external' AND value = ?)
            """, [.text(customer)]).first?.int64("last")
        return [invited, contacted].compactMap { $0 }.max().map(Self.date)
    }

    static func insertDecision(_ code: String, _ result: SamplingResult, at: Date, now: Date, _ tx: any SQLExecutor) async throws {
        try await tx.execute(
            "INSERT INTO survey_decisions (survey_code, interaction_id, outcome, stratum, explanation, invitation_id, at, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [.text(code), .text(result.interaction), .text(result.outcome), .text(result.stratum), .text(result.explanation),
             SQLValue(result.invitation), .int(ms(at)), .int(ms(now))])
    }

    public func designWeights(survey code: String) async throws -> [String: Double] {
        guard let survey = try await survey(code: code) else { throw OtklikError(.notFound, "no survey '\(code)'", field: "code") }
        let zone = try await timeZone()
        let rows = try await database.query(
            "SELECT outcome, stratum, invitation_id, at FROM survey_decisions WHERE survey_code = ? AND outcome IN ('invited', 'not_sampled', 'quota_full')",
            [.text(code)])
        // The sampling frame of a stratum in a period: eligible interactions seen (not fatigued, in scope) and invited.
        let period = QuotaPeriod(rawValue: survey.sampling.period ?? "day") ?? .day
        func cell(_ row: SQLRow) -> String {
            let stratum = row.text("stratum") ?? "*"
            guard survey.sampling.method == .quota else { return stratum }
            let start = period.start(of: Self.date(row.int64("at") ?? 0), timeZone: zone)
            return stratum + "|" + String(Self.ms(start))
        }
        var seen: [String: Int] = [:], invited: [String: Int] = [:]
        for row in rows {
            let key = cell(row)
            seen[key, default: 0] += 1
            if row.text("outcome") == "invited" { invited[key, default: 0] += 1 }
        }
        var weights: [String: Double] = [:]
        for row in rows {
            guard let id = row.text("invitation_id") else { continue }
            let key = cell(row)
            weights[id] = Double(seen[key] ?? 1) / Double(max(invited[key] ?? 1, 1))
        }
        return weights
    }

    /// Stores one invitation (its token hashed) and, with `deliver`, its outbox row holding the token until delivery,
    /// first due at `deliverFrom` (nil: `now`).
    static func insertInvitation(
        survey: Survey, item: SurveyInteraction, stratum: String, now: Date, deliver: Bool, deliverFrom: Date? = nil, _ tx: any SQLExecutor
    ) async throws -> (SurveyInvitation, String) {
        let token = SecretToken.random(bytes: 24)
        let id = "inv-" + SecretToken.identifier(length: 14)
        let invitation = SurveyInvitation(
            id: String(id), survey: survey.code, interaction: item.id, customer: item.customer, location: item.location, staff: item.staff,
            service: item.service, channel: item.channel, stratum: stratum, invitedAt: item.at,
            expiresAt: max(now, item.at).addingTimeInterval(Double(survey.linkDays) * 86_400))
        let customer = try await CustomerResolver.resolve([claims(item)], source: "survey_invitations", at: ms(now), in: tx).first ?? nil
        try await tx.execute(
            """
            INSERT INTO survey_invitations (id, survey_code, token_hash, interaction_id, customer, location_code, staff_code, service_code,
                channel, stratum, lang, status, invited_at, expires_at, customer_id, customer_link)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'invited', ?, ?, ?, ?)
            """,
            [.text(invitation.id), .text(survey.code), .text(SecretToken.hash(token)), SQLValue(item.id), SQLValue(item.customer),
             SQLValue(item.location), SQLValue(item.staff), SQLValue(item.service), SQLValue(item.channel), .text(stratum), SQLValue(item.lang),
             .int(ms(invitation.invitedAt)), .int(ms(invitation.expiresAt)), SQLValue(customer?.customer),
             SQLValue(customer?.linkedBy.kind.rawValue)])
        if let owner = customer?.customer {
            try await ContactLedger.record(
                ContactRecord(customer: owner, channel: item.channel ?? "survey", purpose: .survey, source: "survey:\(survey.code)", at: invitation.invitedAt),
                triggerKey: "survey_invitation:\(invitation.id)", in: tx)
        }
        if deliver {
            try await tx.execute(
                "INSERT INTO survey_outbox (id, invitation_id, token, recipient, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)",
                [.text("msg-" + invitation.id), .text(invitation.id), .text(token), SQLValue(item.contact), .int(ms(deliverFrom ?? now)), .int(ms(now))])
        }
        return (invitation, token)
    }

    // MARK: invitations and answers

    static let invitationColumns = """
        id, survey_code, interaction_id, customer, location_code, staff_code, service_code, channel, stratum, status, invited_at, expires_at,
        responded_at, shown
        """

    static func invitation(row: SQLRow) throws -> SurveyInvitation {
        SurveyInvitation(
            id: try row.string("id"), survey: try row.string("survey_code"), interaction: row.text("interaction_id"), customer: row.text("customer"),
            location: row.text("location_code"), staff: row.text("staff_code"), service: row.text("service_code"), channel: row.text("channel"),
            stratum: row.text("stratum"), status: InvitationStatus(rawValue: try row.string("status")) ?? .invited,
            invitedAt: date(row.int64("invited_at") ?? 0), expiresAt: date(row.int64("expires_at") ?? 0),
            respondedAt: row.int64("responded_at").map(date),
            shown: try row.text("shown").map { try JSONDecoder().decode([String].self, from: Data($0.utf8)) })
    }

    public func invitation(token: String) async throws -> SurveyInvitation? {
        guard !token.isEmpty, token.count <= 100 else { return nil }
        return try await database.query(
            "SELECT \(Self.invitationColumns) FROM survey_invitations WHERE token_hash = ?", [.text(SecretToken.hash(token))]
        ).first.map(Self.invitation(row:))
    }

    public func invitation(id: String) async throws -> SurveyInvitation? {
        try await database.query("SELECT \(Self.invitationColumns) FROM survey_invitations WHERE id = ?", [.text(id)]).first.map(Self.invitation(row:))
    }

    public func invitations(survey code: String) async throws -> [SurveyInvitation] {
        try await database.query(
            "SELECT \(Self.invitationColumns) FROM survey_invitations WHERE survey_code = ? ORDER BY invited_at, id", [.text(code)]
        ).map(Self.invitation(row:))
    }

    public func lastInvitedAt(survey code: String?, locations: Set<String>?) async throws -> Date? {
        if let locations, locations.isEmpty { return nil }
        var conditions: [String] = []
        var values: [SQLValue] = []
        if let code {
            conditions.append("survey_code = ?")
            values.append(.text(code))
        }
        if let locations {
            let sorted = locations.sorted()
            conditions.append("location_code IN (\(SQLMarks.list(sorted.count)))")
            values += sorted.map { .text($0) }
        }
        let row = try await database.query(
            "SELECT MAX(invited_at) AS last FROM survey_invitations" + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")),
            values
        ).first
        return row?.int64("last").map(Self.date)
    }

    public func invitationOutcomes(_ filter: InvitationFilter, locations: Set<String>?) async throws -> [String: SurveyResults.Outcomes] {
        if let locations, locations.isEmpty { return [:] }
        var conditions: [String] = []
        var values: [SQLValue] = []
        for (column, value) in [("location_code", filter.location), ("staff_code", filter.staff), ("service_code", filter.service), ("channel", filter.channel)] {
            guard let value else { continue }
            conditions.append("\(column) = ?")
            values.append(.text(value))
        }
        if let from = filter.from {
            conditions.append("invited_at >= ?")
            values.append(.int(Self.ms(from)))
        }
        if let to = filter.to {
            conditions.append("invited_at < ?")
            values.append(.int(Self.ms(to)))
        }
        if let locations {
            let sorted = locations.sorted()
            conditions.append("location_code IN (\(SQLMarks.list(sorted.count)))")
            values += sorted.map { .text($0) }
        }
        let rows = try await database.query(
            "SELECT survey_code, status, COUNT(*) AS n FROM survey_invitations"
                + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")) + " GROUP BY survey_code, status",
            values)
        var result: [String: SurveyResults.Outcomes] = [:]
        for row in rows {
            let code = try row.string("survey_code"), count = row.int("n") ?? 0
            var outcomes = result[code] ?? SurveyResults.Outcomes()
            outcomes.total += count
            switch InvitationStatus(rawValue: try row.string("status")) ?? .invited {
            case .invited: outcomes.invited += count
            case .completed: outcomes.completed += count
            case .partial: outcomes.partial += count
            case .refused: outcomes.refused += count
            case .noContact: outcomes.noContact += count
            }
            result[code] = outcomes
        }
        return result
    }

    static func answer(row: SQLRow) throws -> SurveyAnswer {
        SurveyAnswer(
            question: try row.string("question_code"), score: row.int("score"),
            choices: (row.text("choices") ?? "").split(separator: ";").map(String.init), text: row.text("answer_text"))
    }

    public func answers(invitation id: String) async throws -> [SurveyAnswer] {
        try await database.query(
            "SELECT question_code, score, choices, answer_text FROM survey_answers WHERE invitation_id = ? ORDER BY question_code", [.text(id)]
        ).map(Self.answer(row:))
    }

    public func answers(survey code: String) async throws -> [String: [SurveyAnswer]] {
        let rows = try await database.query(
            """
            SELECT a.invitation_id, a.question_code, a.score, a.choices, a.answer_text FROM survey_answers a
            JOIN survey_invitations i ON i.id = a.invitation_id WHERE i.survey_code = ? ORDER BY a.invitation_id, a.question_code
            """, [.text(code)])
        var result: [String: [SurveyAnswer]] = [:]
        for row in rows { result[try row.string("invitation_id"), default: []].append(try Self.answer(row: row)) }
        return result
    }

    public func recordShown(invitation id: String, questions: [String]) async throws -> [String] {
        try await database.transaction { (tx: any SQLExecutor) -> [String] in
            try await tx.execute("UPDATE survey_invitations SET shown = ? WHERE id = ? AND shown IS NULL", [.text(try Self.json(questions)), .text(id)])
            let stored = try await tx.query("SELECT shown FROM survey_invitations WHERE id = ?", [.text(id)]).first?.text("shown")
            guard let stored else { throw OtklikError(.notFound, "no invitation '\(id)'", field: "invitation") }
            return try JSONDecoder().decode([String].self, from: Data(stored.utf8))
        }
    }

    public func respond(invitation id: String, answers: [SurveyAnswer], status: InvitationStatus, now: Date) async throws {
        guard [.completed, .partial, .refused].contains(status) else {
            throw OtklikError.invalid("status", "a respondent completes, saves (partial) or refuses")
        }
        try await database.transaction { (tx: any SQLExecutor) in
            let row = try await tx.query(
                "SELECT i.status, i.shown, s.definition, s.closed_at FROM survey_invitations i JOIN surveys s ON s.code = i.survey_code WHERE i.id = ?",
                [.text(id)]
            ).first
            guard let row, let current = row.text("status") else { throw OtklikError(.notFound, "no invitation '\(id)'", field: "invitation") }
            guard row.int64("closed_at") == nil else { throw OtklikError(.conflict, "the survey is closed: it takes no new answers", field: "invitation") }
            // no_contact: the delivery was given up, yet the respondent opened the link after all.
            guard let known = InvitationStatus(rawValue: current), known.isOpen || known == .noContact else {
                throw OtklikError(.conflict, "the invitation is already \(current)", field: "invitation")
            }
            // Skip logic: answers to questions their respondent could not see (a condition not met) are not kept.
            var kept = answers.filter { !$0.isEmpty }
            let survey = try Self.survey(row: row)
            if survey.hasSkipLogic, let shown = try row.text("shown").map({ try JSONDecoder().decode([String].self, from: Data($0.utf8)) }) {
                let visible = Set(survey.visibleQuestions(shown, answers: Dictionary(kept.map { ($0.question, $0) }, uniquingKeysWith: { first, _ in first })))
                kept = kept.filter { visible.contains($0.question) }
            }
            try await tx.execute("DELETE FROM survey_answers WHERE invitation_id = ?", [.text(id)])
            if status != .refused {
                try await tx.insertRows(
                    "survey_answers", columns: ["invitation_id", "question_code", "score", "choices", "answer_text"],
                    rows: kept.map { answer in
                        [.text(id), .text(answer.question), SQLValue(answer.score),
                         answer.choices.isEmpty ? .null : .text(answer.choices.joined(separator: ";")), SQLValue(answer.text)]
                    })
            }
            try await tx.execute(
                "UPDATE survey_invitations SET status = ?, responded_at = ? WHERE id = ?", [.text(status.rawValue), .int(Self.ms(now)), .text(id)])
        }
    }

    public func markNoContact(invitation id: String) async throws {
        try await database.execute("UPDATE survey_invitations SET status = 'no_contact' WHERE id = ? AND status = 'invited'", [.text(id)])
    }

    // MARK: outbox

    public func pendingMessages(limit: Int, now: Date) async throws -> [InvitationMessage] {
        try await database.query(
            """
            SELECT o.id, o.invitation_id, o.token, o.recipient, o.attempts, i.survey_code, i.customer, i.lang, i.channel FROM survey_outbox o
            JOIN survey_invitations i ON i.id = o.invitation_id
            WHERE o.status = 'pending' AND o.next_attempt_at <= ? ORDER BY o.next_attempt_at, o.id LIMIT ?
            """, [.int(Self.ms(now)), .int(Int64(limit))]
        ).map { row in
            InvitationMessage(
                id: try row.string("id"), invitation: try row.string("invitation_id"), survey: try row.string("survey_code"),
                token: row.text("token") ?? "", recipient: row.text("recipient"), customer: row.text("customer"), lang: row.text("lang"),
                attempts: row.int("attempts") ?? 0, channel: row.text("channel"))
        }
    }

    public func markDelivered(message id: String, now: Date) async throws {
        try await database.execute(
            "UPDATE survey_outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, token = NULL, recipient = NULL WHERE id = ?",
            [.int(Self.ms(now)), .text(id)])
    }

    public func markFailed(message id: String, error: String, now: Date, retryAfter: TimeInterval, maxAttempts: Int) async throws {
        try await database.transaction { (tx: any SQLExecutor) in
            let row = try await tx.query("SELECT attempts, invitation_id FROM survey_outbox WHERE id = ?", [.text(id)]).first
            guard let row else { return }
            let attempts = (row.int("attempts") ?? 0) + 1
            if attempts >= maxAttempts {
                try await tx.execute(
                    "UPDATE survey_outbox SET status = 'failed', attempts = ?, last_error = ?, token = NULL, recipient = NULL WHERE id = ?",
                    [.int(Int64(attempts)), .text(String(error.prefix(500))), .text(id)])
                try await tx.execute(
                    "UPDATE survey_invitations SET status = 'no_contact' WHERE id = ? AND status = 'invited'", [.text(try row.string("invitation_id"))])
            } else {
                try await tx.execute(
                    "UPDATE survey_outbox SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
                    [.int(Int64(attempts)), .text(String(error.prefix(500))), .int(Self.ms(now.addingTimeInterval(retryAfter))), .text(id)])
            }
        }
    }
}
