import Foundation
import OtklikCore

/// A transcript as JSON (an array or `{"items": [...]}`), JSON Lines (one object per line) and the API carry it:
/// `{"id", "location", "staff", "started_at", "ended_at", "lang", "turns": [{"speaker": "staff|customer", "text", "offset_s"}]}`.
public struct TranscriptJSON: Codable, Sendable {
    public var id: String
    public var location: String
    public var staff: String?
    public var startedAt: String
    public var endedAt: String?
    public var lang: String?
    public var turns: [TurnJSON]

    public struct TurnJSON: Codable, Sendable {
        public var speaker: String
        public var text: String
        public var offsetS: Double?

        enum CodingKeys: String, CodingKey { case speaker, text, offsetS = "offset_s" }
    }

    enum CodingKeys: String, CodingKey {
        case id, location, staff, startedAt = "started_at", endedAt = "ended_at", lang, turns
    }

    public func transcript(now: Date = Date()) throws(OtklikError) -> Transcript {
        guard let started = Timestamp.parse(startedAt) else { throw .invalid("started_at", "started_at must be an ISO-8601 time") }
        var ended: Date?
        if let endedAt {
            guard let date = Timestamp.parse(endedAt) else { throw .invalid("ended_at", "ended_at must be an ISO-8601 time") }
            ended = date
        }
        var result: [Transcript.Turn] = []
        for (index, turn) in turns.enumerated() {
            guard let speaker = Transcript.Turn.Speaker(rawValue: turn.speaker) else {
                throw .invalid("turns[\(index)].speaker", "speaker must be staff or customer")
            }
            result.append(Transcript.Turn(speaker: speaker, text: turn.text, offsetSeconds: turn.offsetS))
        }
        let transcript = Transcript(id: id, location: location, staff: staff, startedAt: started, endedAt: ended, lang: lang, turns: result)
        try transcript.validate(now: now)
        return transcript
    }

    public init(_ transcript: Transcript) {
        id = transcript.id
        location = transcript.location
        staff = transcript.staff
        startedAt = Timestamp.format(transcript.startedAt)
        endedAt = transcript.endedAt.map(Timestamp.format)
        lang = transcript.lang
        turns = transcript.turns.map { TurnJSON(speaker: $0.speaker.rawValue, text: $0.text, offsetS: $0.offsetSeconds) }
    }

    /// Reads JSON Lines: one transcript per non-empty line; an error names the line.
    public static func parseLines(_ text: String, skipBad: Bool, now: Date = Date()) throws -> (records: [ImportRecord<Transcript>], skipped: [ImportProblem]) {
        var records: [ImportRecord<Transcript>] = []
        var skipped: [ImportProblem] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let body = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !body.isEmpty else { continue }
            let result: Result<Transcript, OtklikError>
            do {
                let item = try JSONDecoder().decode(TranscriptJSON.self, from: Data(body.utf8))
                result = Self.convert(item, now: now)
            } catch {
                result = .failure(.invalid("", "not a transcript object (\(error))"))
            }
            switch result {
            case .success(let transcript):
                records.append(ImportRecord(line: index + 1, record: transcript))
            case .failure(let error):
                let place = (error.field ?? "").isEmpty ? "line \(index + 1)" : "line \(index + 1), field \(error.field!)"
                guard skipBad else { throw OtklikError.invalid(place, error.message) }
                skipped.append(ImportProblem(line: index + 1, message: "\(error.field.map { "field \($0): " } ?? "")\(error.message)"))
            }
        }
        return (records, skipped)
    }

    static func convert(_ item: TranscriptJSON, now: Date) -> Result<Transcript, OtklikError> {
        do {
            return .success(try item.transcript(now: now))
        } catch {
            return .failure(error)
        }
    }
}
