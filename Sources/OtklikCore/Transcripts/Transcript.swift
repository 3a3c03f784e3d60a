import Foundation

/// A recorded conversation between front staff and a customer (organic feedback, seed 002): who spoke,
/// what was said, where and when. Bound on the time axis to the ratings given at the same place just after.
public struct Transcript: Sendable, Codable, Equatable {
    public struct Turn: Sendable, Codable, Equatable {
        public enum Speaker: String, Sendable, Codable, CaseIterable {
            case staff, customer
        }

        public var speaker: Speaker
        public var text: String
        /// Seconds from the start of the conversation, when the recorder knows it.
        public var offsetSeconds: Double?

        public init(speaker: Speaker, text: String, offsetSeconds: Double? = nil) {
            self.speaker = speaker
            self.text = text
            self.offsetSeconds = offsetSeconds
        }

        enum CodingKeys: String, CodingKey {
            case speaker, text, offsetSeconds = "offset_s"
        }
    }

    public var id: String
    public var location: String
    public var staff: String?
    public var startedAt: Date
    public var endedAt: Date?
    public var lang: String?
    public var turns: [Turn]

    public init(id: String, location: String, staff: String? = nil, startedAt: Date, endedAt: Date? = nil, lang: String? = nil, turns: [Turn]) {
        self.id = id
        self.location = location
        self.staff = staff
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.lang = lang
        self.turns = turns
    }

    /// Most turns one transcript may hold, and longest turn.
    public static let maxTurns = 2_000
    public static let maxTurnLength = 10_000

    /// When the conversation is taken to have ended: its end, or its last turn, or its start.
    public var end: Date {
        endedAt ?? startedAt.addingTimeInterval(turns.compactMap(\.offsetSeconds).max() ?? 0)
    }

    public func validate(now: Date = Date()) throws(OtklikError) {
        try Identifier.validate(id, field: "id")
        try Identifier.validate(location, field: "location")
        if let staff { try Identifier.validate(staff, field: "staff") }
        if startedAt.timeIntervalSince(now) > 300 { throw .invalid("started_at", "the conversation starts in the future") }
        if let endedAt, endedAt < startedAt { throw .invalid("ended_at", "ended_at is before started_at") }
        if let endedAt, endedAt.timeIntervalSince(startedAt) > 86_400 { throw .invalid("ended_at", "a conversation longer than a day is not one") }
        if let lang, !["ru", "en"].contains(lang) { throw .invalid("lang", "lang must be ru or en") }
        guard !turns.isEmpty else { throw .invalid("turns", "a transcript needs at least one turn") }
        guard turns.count <= Self.maxTurns else { throw .invalid("turns", "at most \(Self.maxTurns) turns") }
        for (index, turn) in turns.enumerated() {
            let text = turn.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty || turn.text.count > Self.maxTurnLength {
                throw .invalid("turns[\(index)].text", "a turn's text is 1-\(Self.maxTurnLength) characters")
            }
            if let offset = turn.offsetSeconds, !(offset >= 0 && offset <= 86_400) {
                throw .invalid("turns[\(index)].offset_s", "offset_s must be 0-86400 seconds")
            }
        }
    }

    /// Whether a rating given at `time` at this place follows this conversation: given at the same location
    /// (and to the same staff member when both are known) between the conversation's start and `window`
    /// seconds after its end.
    public func precedes(_ feedback: Feedback, window: TimeInterval = 1_800) -> Bool {
        guard feedback.location == location else { return false }
        if let staff, let other = feedback.staff, staff != other { return false }
        return feedback.ts >= startedAt && feedback.ts <= end.addingTimeInterval(window)
    }
}
