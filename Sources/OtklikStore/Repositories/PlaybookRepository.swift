import Foundation
import OtklikCore

/// The "Event – Tasks – Actions" table, replaced whole by the quality manager.
public protocol PlaybookRepository: Sendable {
    func playbooks() async throws -> [Playbook]
    /// Validates every line first; all or nothing.
    func replaceAll(_ playbooks: [Playbook]) async throws
    /// The first playbook among the events, in the order given (most specific first).
    func playbook(forEvents events: [String]) async throws -> Playbook?
}

public struct SQLPlaybookRepository: PlaybookRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func playbooks() async throws -> [Playbook] {
        try await database.query("SELECT event, title_ru, title_en, tasks, phrases FROM playbooks ORDER BY position", []).map(Self.playbook(row:))
    }

    public func replaceAll(_ playbooks: [Playbook]) async throws {
        var seen = Set<String>()
        for (index, playbook) in playbooks.enumerated() {
            do {
                try playbook.validate()
            } catch {
                throw error.prefixingField("items[\(index)]")
            }
            guard seen.insert(playbook.event).inserted else { throw OtklikError.invalid("items[\(index)].event", "event '\(playbook.event)' is listed twice") }
        }
        let encoder = JSONEncoder()
        let rows: [[SQLValue]] = try playbooks.enumerated().map { index, item in
            [.text(item.event), .text(item.titleRu), .text(item.titleEn), .text(String(decoding: try encoder.encode(item.tasks), as: UTF8.self)),
             .text(String(decoding: try encoder.encode(item.phrases), as: UTF8.self)), .int(Int64(index))]
        }
        try await database.transaction { tx in
            try await tx.execute("DELETE FROM playbooks")
            try await tx.insertRows("playbooks", columns: ["event", "title_ru", "title_en", "tasks", "phrases", "position"], rows: rows)
        }
    }

    public func playbook(forEvents events: [String]) async throws -> Playbook? {
        guard !events.isEmpty else { return nil }
        let marks = SQLMarks.list(events.count)
        let found = try await database.query(
            "SELECT event, title_ru, title_en, tasks, phrases FROM playbooks WHERE event IN (\(marks))", events.map { .text($0) }
        ).map(Self.playbook(row:))
        return events.lazy.compactMap { event in found.first { $0.event == event } }.first
    }

    static func playbook(row: SQLRow) throws -> Playbook {
        let decoder = JSONDecoder()
        return Playbook(
            event: try row.string("event"), titleRu: try row.string("title_ru"), titleEn: try row.string("title_en"),
            tasks: try decoder.decode([String].self, from: Data(try row.string("tasks").utf8)),
            phrases: try decoder.decode([String].self, from: Data(try row.string("phrases").utf8)))
    }
}
