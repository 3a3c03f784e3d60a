import Foundation
import OtklikCore

/// Recognition: thanks between colleagues and customer praise passed on (migration 0047).
public protocol RecognitionRepository: Sendable {
    /// Stores thanks; returns it and whether it was a retry (the same id with the same content). The same id with other
    /// content is a 409; an unknown staff code a 422 naming `from` or `to`.
    func thank(_ thanks: Recognition) async throws -> (Recognition, repeated: Bool)
    /// Recognitions received by these staff members, newest first (every staff member when nil), at most `limit`.
    func received(by staff: Set<String>?, limit: Int) async throws -> [Recognition]
}

extension AppDatabase {
    public var recognitions: any RecognitionRepository { SQLRecognitionRepository(database: sql) }
}

public struct SQLRecognitionRepository: RecognitionRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    /// The recognition's columns, the comment of a praised feedback read from the feedback itself.
    static let select = """
        SELECT r.id, r.kind, r.from_staff, r.to_staff, r.feedback_id, r.basis, r.text, r.created_at, f.comment AS feedback_comment
        FROM recognitions r LEFT JOIN feedback f ON f.id = r.feedback_id
        """

    static func recognition(_ row: SQLRow) throws -> Recognition {
        let kind = Recognition.Kind(rawValue: try row.string("kind")) ?? .thanks
        return Recognition(
            id: try row.string("id"), kind: kind, from: row.text("from_staff"), to: try row.string("to_staff"), feedbackId: row.text("feedback_id"),
            basis: row.text("basis").flatMap(Recognition.Basis.init(rawValue:)),
            text: kind == .customerPraise ? row.text("feedback_comment") ?? "" : try row.string("text"),
            createdAt: Date(timeIntervalSince1970: Double(row.int64("created_at") ?? 0) / 1000))
    }

    public func thank(_ thanks: Recognition) async throws -> (Recognition, repeated: Bool) {
        var clean = thanks
        clean.kind = .thanks
        clean.text = thanks.text.trimmingCharacters(in: .whitespacesAndNewlines)
        clean.feedbackId = nil
        clean.basis = nil
        try clean.validateThanks()
        let given = clean
        return try await database.transaction { tx in
            if let row = try await tx.query(Self.select + " WHERE r.id = ?", [.text(given.id)]).first {
                let stored = try Self.recognition(row)
                guard stored.kind == .thanks, stored.from == given.from, stored.to == given.to, stored.text == given.text else {
                    throw OtklikError(.conflict, "recognition '\(given.id)' was already stored with other content", field: "id")
                }
                return (stored, true)
            }
            for (field, code) in [("from", given.from ?? ""), ("to", given.to)]
            where try await tx.query("SELECT code FROM staff WHERE code = ?", [.text(code)]).isEmpty {
                throw OtklikError.invalid(field, "unknown staff code '\(code)'")
            }
            try await tx.execute(
                "INSERT INTO recognitions (id, kind, from_staff, to_staff, text, created_at) VALUES (?, 'thanks', ?, ?, ?, ?)",
                [.text(given.id), SQLValue(given.from), .text(given.to), .text(given.text), .int(Self.ms(given.createdAt))])
            return (given, false)
        }
    }

    public func received(by staff: Set<String>?, limit: Int) async throws -> [Recognition] {
        if let staff {
            guard !staff.isEmpty else { return [] }
            let marks = staff.map { _ in "?" }.joined(separator: ", ")
            return try await database.query(
                Self.select + " WHERE r.to_staff IN (\(marks)) ORDER BY r.created_at DESC, r.id LIMIT ?",
                staff.sorted().map { .text($0) } + [.int(Int64(limit))]
            ).map(Self.recognition)
        }
        return try await database.query(Self.select + " ORDER BY r.created_at DESC, r.id LIMIT ?", [.int(Int64(limit))]).map(Self.recognition)
    }
}
