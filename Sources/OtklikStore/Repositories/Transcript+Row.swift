import Foundation
import OtklikCore

extension Transcript: StoredRecord {
    static let table = "transcripts"
    static let feedKind = FeedEventKind.transcripts
    static var references: [(table: String, field: String, path: KeyPath<Transcript, String?>)] {[
        ("locations", "location", \.locationCode), ("staff", "staff", \.staff),
    ]}
    static let columnList = ["id", "location_code", "staff_code", "started_at", "ended_at", "lang", "turns", "received_at"]

    var locationCode: String? { location }
    /// A transcript names no customer.
    var customer: String? { nil }

    /// Whole milliseconds, and the end made explicit, so a re-import compares equal.
    public func normalized() -> Transcript {
        var copy = self
        copy.staff = StoredText.clean(staff)
        copy.startedAt = ServiceRequest.wholeMilliseconds(startedAt)
        copy.endedAt = ServiceRequest.wholeMilliseconds(end)
        return copy
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    func binds(receivedAt: Int64) -> [SQLValue] {
        let turnsJSON = (try? Self.encoder.encode(turns)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        return [
            .text(id), .text(location), SQLValue(staff), .int(ServiceRequest.milliseconds(startedAt)), .int(ServiceRequest.milliseconds(end)),
            SQLValue(lang), .text(turnsJSON), .int(receivedAt),
        ]
    }

    init(row: SQLRow) throws {
        guard let started = row.int64("started_at"), let ended = row.int64("ended_at") else {
            throw OtklikError(.internal, "stored transcript has no times")
        }
        let turns = try JSONDecoder().decode([Turn].self, from: Data(try row.string("turns").utf8))
        self.init(
            id: try row.string("id"), location: try row.string("location_code"), staff: row.text("staff_code"),
            startedAt: Date(timeIntervalSince1970: Double(started) / 1000), endedAt: Date(timeIntervalSince1970: Double(ended) / 1000),
            lang: row.text("lang"), turns: turns)
    }
}

extension Transcript: NormalizedRecord {}
