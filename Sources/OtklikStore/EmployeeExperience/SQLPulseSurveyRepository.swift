import Foundation
import OtklikCore

/// ``PulseSurveyRepository`` over either SQL engine.
public struct SQLPulseSurveyRepository: PulseSurveyRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    static let columns = "code, title, grouping, minimum_group, status"

    static func survey(_ row: SQLRow) throws -> PulseSurvey {
        PulseSurvey(
            code: try row.string("code"), title: try row.string("title"), grouping: PulseSurvey.Grouping(rawValue: try row.string("grouping")) ?? .location,
            minimumGroup: row.int("minimum_group") ?? PulseSurvey.smallestMinimumGroup, status: PulseSurvey.Status(rawValue: try row.string("status")) ?? .draft)
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    public func surveys() async throws -> [PulseSurvey] {
        try await database.query("SELECT \(Self.columns) FROM pulse_surveys ORDER BY created_at DESC, code").map(Self.survey)
    }

    public func survey(code: String) async throws -> PulseSurvey? {
        try await database.query("SELECT \(Self.columns) FROM pulse_surveys WHERE code = ?", [.text(code)]).first.map(Self.survey)
    }

    public func save(_ survey: PulseSurvey, now: Date) async throws -> PulseSurvey {
        var trimmed = survey
        trimmed.title = survey.title.trimmingCharacters(in: .whitespacesAndNewlines)
        try trimmed.validate()
        let clean = trimmed
        return try await database.transaction { tx in
            if let row = try await tx.query("SELECT \(Self.columns) FROM pulse_surveys WHERE code = ?", [.text(clean.code)]).first {
                let updated = try Self.survey(row).applying(clean)
                try await tx.execute(
                    "UPDATE pulse_surveys SET title = ?, grouping = ?, minimum_group = ? WHERE code = ?",
                    [.text(updated.title), .text(updated.grouping.rawValue), .int(Int64(updated.minimumGroup)), .text(updated.code)])
                return updated
            }
            var created = clean
            created.status = .draft
            try await tx.execute(
                "INSERT INTO pulse_surveys (code, title, grouping, minimum_group, status, created_at) VALUES (?, ?, ?, ?, 'draft', ?)",
                [.text(created.code), .text(created.title), .text(created.grouping.rawValue), .int(Int64(created.minimumGroup)), .int(Self.ms(now))])
            return created
        }
    }

    func existing(_ code: String, _ tx: any SQLExecutor) async throws -> PulseSurvey {
        guard let row = try await tx.query("SELECT \(Self.columns) FROM pulse_surveys WHERE code = ?", [.text(code)]).first else {
            throw OtklikError(.notFound, "no pulse survey with code '\(code)'", field: "code")
        }
        return try Self.survey(row)
    }

    static func newToken() -> String { "otp_" + SecretToken.random(bytes: 24) }

    public func start(code: String, locations: Set<String>?, today: String, now: Date) async throws -> [PulseInvitationLink] {
        try await database.transaction { tx in
            let survey = try await existing(code, tx)
            guard survey.status == .draft else {
                throw OtklikError(.conflict, "pulse survey '\(code)' has already started; issue its links again with POST …/links", field: "status")
            }
            let staff = try await SQLReferenceRepository.staff(tx).filter { member in
                member.employed(on: today) && (locations.map { set in member.location.map(set.contains) ?? false } ?? true)
            }
            guard !staff.isEmpty else { throw OtklikError.invalid("locations", "nobody employed today would be invited") }
            var links: [PulseInvitationLink] = []
            for member in staff {
                let group = survey.grouping == .location ? member.location : member.team
                let token = Self.newToken()
                try await tx.execute(
                    "INSERT INTO pulse_invitations (token_hash, survey_code, staff_code, group_code, answered) VALUES (?, ?, ?, ?, 0)",
                    [.text(SecretToken.hash(token)), .text(code), .text(member.code), SQLValue(group)])
                links.append(PulseInvitationLink(staff: member.code, name: member.name, email: member.email, group: group, token: token))
            }
            try await tx.execute("UPDATE pulse_surveys SET status = 'open', started_at = ? WHERE code = ?", [.int(Self.ms(now)), .text(code)])
            return links
        }
    }

    public func reissue(code: String) async throws -> [PulseInvitationLink] {
        try await database.transaction { tx in
            let survey = try await existing(code, tx)
            guard survey.status == .open else {
                throw OtklikError(.conflict, "pulse survey '\(code)' is \(survey.status.rawValue): links are issued only while it is open", field: "status")
            }
            let rows = try await tx.query(
                """
                SELECT i.token_hash, i.staff_code, i.group_code, s.name, s.email FROM pulse_invitations i JOIN staff s ON s.code = i.staff_code
                WHERE i.survey_code = ? AND i.answered = 0 ORDER BY i.staff_code
                """, [.text(code)])
            var links: [PulseInvitationLink] = []
            for row in rows {
                let token = Self.newToken()
                try await tx.execute(
                    "UPDATE pulse_invitations SET token_hash = ? WHERE token_hash = ?", [.text(SecretToken.hash(token)), .text(try row.string("token_hash"))])
                links.append(
                    PulseInvitationLink(
                        staff: try row.string("staff_code"), name: try row.string("name"), email: row.text("email"), group: row.text("group_code"), token: token))
            }
            return links
        }
    }

    public func close(code: String, now: Date) async throws -> PulseSurvey {
        try await database.transaction { tx in
            var survey = try await existing(code, tx)
            switch survey.status {
            case .closed: return survey
            case .draft: throw OtklikError(.conflict, "pulse survey '\(code)' has not started", field: "status")
            case .open:
                try await tx.execute("UPDATE pulse_surveys SET status = 'closed', closed_at = ? WHERE code = ?", [.int(Self.ms(now)), .text(code)])
                survey.status = .closed
                return survey
            }
        }
    }

    public func invitation(token: String) async throws -> (survey: PulseSurvey, answered: Bool)? {
        guard let row = try await database.query(
            "SELECT survey_code, answered FROM pulse_invitations WHERE token_hash = ?", [.text(SecretToken.hash(token))]
        ).first, let survey = try await survey(code: try row.string("survey_code"))
        else { return nil }
        return (survey, (row.int("answered") ?? 0) != 0)
    }

    public func answer(token: String, score: Int, comment: String?) async throws -> PulseAnswerOutcome {
        let trimmed = comment?.trimmingCharacters(in: .whitespacesAndNewlines)
        let given = PulseAnswer(group: nil, score: score, comment: trimmed?.isEmpty ?? true ? nil : trimmed)
        try given.validate()
        return try await database.transaction { tx in
            let hash = SecretToken.hash(token)
            guard let row = try await tx.query("SELECT survey_code, group_code, answered FROM pulse_invitations WHERE token_hash = ?", [.text(hash)]).first
            else { return .unknownLink }
            let code = try row.string("survey_code")
            guard try await existing(code, tx).status == .open else { return .notOpen }
            // Marking the link used and storing the answer in one step: only one of two concurrent submissions flips it.
            let flipped = try await tx.query(
                "UPDATE pulse_invitations SET answered = 1 WHERE token_hash = ? AND answered = 0 RETURNING survey_code", [.text(hash)])
            guard !flipped.isEmpty else { return .alreadyAnswered }
            try await tx.execute(
                "INSERT INTO pulse_answers (id, survey_code, group_code, score, comment) VALUES (?, ?, ?, ?, ?)",
                [.text(UUID().uuidString.lowercased()), .text(code), SQLValue(row.text("group_code")), .int(Int64(score)), SQLValue(given.comment)])
            return .recorded
        }
    }

    public func tally(code: String) async throws -> PulseTally? {
        try await database.transaction { tx in
            guard let row = try await tx.query("SELECT \(Self.columns), closed_at FROM pulse_surveys WHERE code = ?", [.text(code)]).first else { return nil }
            let survey = try Self.survey(row)
            let closedAt = row.int64("closed_at").map { Date(timeIntervalSince1970: Double($0) / 1000) }
            // Ordered by content, never by storage order, so nothing about the order of answering leaves the store.
            let answers = try await tx.query(
                "SELECT group_code, score, comment FROM pulse_answers WHERE survey_code = ? ORDER BY group_code, score, comment", [.text(code)]
            ).map { PulseAnswer(group: $0.text("group_code"), score: $0.int("score") ?? 0, comment: $0.text("comment")) }
            var invited: [String?: Int] = [:]
            var answered = 0
            for row in try await tx.query(
                "SELECT group_code, COUNT(*) AS invited, SUM(answered) AS answered FROM pulse_invitations WHERE survey_code = ? GROUP BY group_code", [.text(code)])
            {
                invited[row.text("group_code")] = row.int("invited") ?? 0
                answered += row.int("answered") ?? 0
            }
            return PulseTally(survey: survey, answers: answers, invitedByGroup: invited, answered: answered, closedAt: closedAt)
        }
    }
}
