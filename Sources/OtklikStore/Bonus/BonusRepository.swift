import Foundation
import OtklikCore
import OtklikMetrics

/// A positive comment about a staff member (the text analysis labelled it positive).
public struct Praise: Sendable, Equatable, Codable {
    public var feedbackId: String
    public var at: Date
    public var comment: String
    /// Whether the comment mentions the staff member by first name (not only the form or device naming them).
    public var namesThem: Bool

    enum CodingKeys: String, CodingKey { case feedbackId = "feedback_id", at, comment, namesThem = "names_them" }
}

/// The bonus formula and the representative figures it is applied to.
public protocol BonusRepository: Sendable {
    /// The stored formula, or ``BonusFormula/standard`` when none was saved.
    func formula() async throws -> BonusFormula
    /// Validates and replaces the formula.
    func saveFormula(_ formula: BonusFormula, by: String?, now: Date) async throws
    /// Every staff member with representative invitations in `[from, to)`, by code, with the formula applied.
    func figures(from: Date, to: Date, formula: BonusFormula) async throws -> [StaffBonusFigure]
    /// Positive comments of `[from, to)` about the staff member, newest first; with `locations` (a caller limited to
    /// some locations) only those left at one of them.
    func praise(staff: String, from: Date, to: Date, limit: Int, locations: Set<String>?) async throws -> [Praise]
}

extension BonusRepository {
    /// Every positive comment about the staff member, wherever it was left.
    public func praise(staff: String, from: Date, to: Date, limit: Int) async throws -> [Praise] {
        try await praise(staff: staff, from: from, to: to, limit: limit, locations: nil)
    }
}

public struct SQLBonusRepository: BonusRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    public func formula() async throws -> BonusFormula {
        guard let text = try await database.query("SELECT definition FROM bonus_formula WHERE id = 1", []).first?.text("definition") else {
            return .standard
        }
        return try JSONDecoder().decode(BonusFormula.self, from: Data(text.utf8))
    }

    public func saveFormula(_ formula: BonusFormula, by: String?, now: Date) async throws {
        try formula.validate()
        let text = String(decoding: try JSONEncoder().encode(formula), as: UTF8.self)
        try await database.transaction { tx in
            try await tx.execute("DELETE FROM bonus_formula WHERE id = 1")
            try await tx.execute(
                "INSERT INTO bonus_formula (id, definition, updated_at, updated_by) VALUES (1, ?, ?, ?)", [.text(text), .int(Self.ms(now)), SQLValue(by)])
        }
    }

    /// Representative invitations only: those of measurement surveys (the survey engine's samples), invited in the
    /// period, that name a staff member.
    static let scope = """
        FROM survey_invitations i JOIN surveys s ON s.code = i.survey_code
        WHERE s.purpose = 'measurement' AND i.staff_code IS NOT NULL AND i.invited_at >= ? AND i.invited_at < ?
        """

    public func figures(from: Date, to: Date, formula: BonusFormula) async throws -> [StaffBonusFigure] {
        let period: [SQLValue] = [.int(Self.ms(from)), .int(Self.ms(to))]
        var outcomes: [String: StaffBonusFigure.Outcomes] = [:]
        for row in try await database.query("SELECT i.staff_code, i.status, COUNT(*) AS c \(Self.scope) GROUP BY i.staff_code, i.status", period) {
            guard let staff = row.text("staff_code") else { continue }
            let count = row.int("c") ?? 0
            switch InvitationStatus(rawValue: row.text("status") ?? "") {
            case .invited: outcomes[staff, default: .init()].invited += count
            case .completed: outcomes[staff, default: .init()].completed += count
            case .partial: outcomes[staff, default: .init()].partial += count
            case .refused: outcomes[staff, default: .init()].refused += count
            case .noContact: outcomes[staff, default: .init()].noContact += count
            case nil: continue
            }
        }
        // Each respondent's first NPS and first CSAT answer (by the question's position in its survey).
        let rows = try await database.query(
            """
            SELECT i.id, i.staff_code, q.type, q.position, a.score
            FROM survey_answers a JOIN survey_invitations i ON i.id = a.invitation_id JOIN surveys s ON s.code = i.survey_code
            JOIN survey_questions q ON q.survey_code = i.survey_code AND q.code = a.question_code
            WHERE s.purpose = 'measurement' AND i.staff_code IS NOT NULL AND i.invited_at >= ? AND i.invited_at < ?
            AND i.status IN ('completed', 'partial') AND q.type IN ('nps', 'csat') AND a.score IS NOT NULL
            ORDER BY i.id, q.type, q.position
            """, period)
        var first: [String: (staff: String, nps: Int?, csat: Int?)] = [:]
        for row in rows {
            guard let id = row.text("id"), let staff = row.text("staff_code"), let score = row.int("score") else { continue }
            var entry: (staff: String, nps: Int?, csat: Int?) = first[id] ?? (staff: staff, nps: nil, csat: nil)
            switch row.text("type") ?? "" {
            case "nps" where entry.nps == nil && (0...10).contains(score): entry.nps = score
            case "csat" where entry.csat == nil && (1...5).contains(score): entry.csat = score
            default: break
            }
            first[id] = entry
        }
        var nps: [String: [Int]] = [:], csat: [String: [Int]] = [:]
        for entry in first.values {
            if let score = entry.nps { nps[entry.staff, default: []].append(score) }
            if let score = entry.csat { csat[entry.staff, default: []].append(score) }
        }
        return outcomes.keys.sorted().map { staff in
            StaffBonusFigure(staff: staff, outcomes: outcomes[staff]!, npsScores: nps[staff] ?? [], csatScores: csat[staff] ?? [], formula: formula)
        }
    }

    public func praise(staff: String, from: Date, to: Date, limit: Int, locations: Set<String>?) async throws -> [Praise] {
        let name = try await database.query("SELECT name FROM staff WHERE code = ?", [.text(staff)]).first?.text("name") ?? ""
        let codes = locations.map { $0.sorted() }
        if let codes, codes.isEmpty { return [] }
        let located = codes.map { " AND f.location_code IN (" + SQLMarks.list($0.count) + ")" } ?? ""
        let rows = try await database.query(
            """
            SELECT f.id, f.ts, f.comment FROM feedback f JOIN comment_analysis c ON c.feedback_id = f.id
            WHERE f.staff_code = ? AND c.label = 'positive' AND f.comment IS NOT NULL AND f.ts >= ? AND f.ts < ?\(located)
            ORDER BY f.ts DESC, f.id LIMIT ?
            """, [.text(staff), .int(Self.ms(from)), .int(Self.ms(to))] + (codes ?? []).map { SQLValue.text($0) } + [.int(Int64(max(1, min(limit, 1000))))])
        let stem = Self.nameStem(name)
        return rows.compactMap { row in
            guard let id = row.text("id"), let comment = row.text("comment"), let ts = row.int64("ts") else { return nil }
            return Praise(
                feedbackId: id, at: Date(timeIntervalSince1970: Double(ts) / 1000), comment: comment,
                namesThem: stem.map { comment.lowercased().contains($0) } ?? false)
        }
    }

    /// The first name without its last letter (Анна → анн matches «Анне», «Анной»); nil for names under 3 letters.
    static func nameStem(_ name: String) -> String? {
        let words = name.split(whereSeparator: { !$0.isLetter }).map { $0.lowercased() }
        // "Анна Б." or "Иванова Анна Петровна": with three words the surname comes first.
        let firstName = words.count == 3 ? words[1] : words.first
        guard let firstName, firstName.count >= 3 else { return nil }
        return String(firstName.dropLast())
    }
}
