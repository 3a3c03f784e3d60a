import Foundation
import OtklikCore

/// Conversation transcripts: written idempotently by id, found by place and time.
public protocol TranscriptRepository: Sendable {
    func insert(_ items: [Transcript], createMissingReferences: Bool) async throws -> InsertOutcome
    func get(id: String) async throws -> Transcript?
    /// The conversation a rating followed: at its location (and staff member, when both are known), started before
    /// the rating and ended at most `window` seconds before it; the latest such one.
    func conversation(before feedback: Feedback, window: TimeInterval) async throws -> Transcript?
}

public struct SQLTranscriptRepository: TranscriptRepository {
    let database: any SQLDatabase
    private let committer: GroupCommitter<Transcript>

    public init(database: any SQLDatabase) {
        self.database = database
        committer = GroupCommitter(database: database)
    }

    public func insert(_ items: [Transcript], createMissingReferences: Bool) async throws -> InsertOutcome {
        try await committer.insert(items, createMissingReferences: createMissingReferences)
    }

    public func get(id: String) async throws -> Transcript? {
        try await database.query("SELECT \(Transcript.columns) FROM transcripts WHERE id = ?", [.text(id)]).first.map(Transcript.init(row:))
    }

    public func conversation(before feedback: Feedback, window: TimeInterval = 1_800) async throws -> Transcript? {
        guard let location = feedback.location else { return nil }
        let ts = ServiceRequest.milliseconds(feedback.ts)
        let rows = try await database.query(
            """
            SELECT \(Transcript.columns) FROM transcripts
            WHERE location_code = ? AND started_at <= ? AND ended_at >= ? ORDER BY ended_at DESC, id LIMIT 20
            """, [.text(location), .int(ts), .int(ts - Int64(window * 1000))])
        return try rows.map(Transcript.init(row:)).first { $0.precedes(feedback, window: window) }
    }
}
