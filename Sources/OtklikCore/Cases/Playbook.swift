/// A line of the organisation's "Event – Tasks – Actions" service standard (seed 002, GAP 2): for an event
/// (a negative press, a complaint about waiting…) what staff should do and may say. Kept current by the
/// quality manager; shown on the case and served to terminals and staff apps.
public struct Playbook: Sendable, Codable, Equatable {
    /// `complaint`, `complaint:REASON`, `negative_press`, `low_score`; `conversation` is the standard every recorded
    /// conversation is checked against.
    public var event: String
    public var titleRu: String
    public var titleEn: String
    public var tasks: [String]
    public var phrases: [String]

    public init(event: String, titleRu: String, titleEn: String, tasks: [String], phrases: [String]) {
        self.event = event
        self.titleRu = titleRu
        self.titleEn = titleEn
        self.tasks = tasks
        self.phrases = phrases
    }

    enum CodingKeys: String, CodingKey {
        case event, titleRu = "title_ru", titleEn = "title_en", tasks, phrases
    }

    /// `phrases` may be left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        event = try container.decode(String.self, forKey: .event)
        titleRu = try container.decode(String.self, forKey: .titleRu)
        titleEn = try container.decode(String.self, forKey: .titleEn)
        tasks = try container.decode([String].self, forKey: .tasks)
        phrases = try container.decodeIfPresent([String].self, forKey: .phrases) ?? []
    }

    public func validate() throws(OtklikError) {
        let parts = event.split(separator: ":", omittingEmptySubsequences: false)
        let kind = String(parts.first ?? "")
        guard ["complaint", "negative_press", "low_score", "conversation"].contains(kind), parts.count <= 2,
            kind != "conversation" || parts.count == 1
        else {
            throw .invalid("event", "event must be complaint, complaint:REASON, negative_press, low_score or conversation")
        }
        if parts.count == 2 { try Identifier.validate(String(parts[1]), field: "event") }
        for (field, title) in [("title_ru", titleRu), ("title_en", titleEn)] where title.isEmpty || title.count > 200 {
            throw .invalid(field, "\(field) is 1-200 characters")
        }
        guard !tasks.isEmpty, tasks.count <= 30 else { throw .invalid("tasks", "a playbook has 1-30 tasks") }
        for (index, line) in (tasks + phrases).enumerated() where line.trimmingCharacters(in: .whitespaces).isEmpty || line.count > 1_000 {
            throw .invalid(index < tasks.count ? "tasks[\(index)]" : "phrases[\(index - tasks.count)]", "each line is 1-1000 characters")
        }
    }

    /// The events a feedback calls for, most specific first.
    public static func events(for feedback: Feedback) -> [String] {
        var events: [String] = []
        if feedback.kind == .complaint {
            events += feedback.reasons.map { "complaint:\($0)" } + ["complaint"]
        }
        if feedback.button == .negative { events.append("negative_press") }
        if (feedback.csat.map { $0 <= 3 } ?? false) || (feedback.nps.map { $0 <= 6 } ?? false) { events.append("low_score") }
        return events
    }
}
