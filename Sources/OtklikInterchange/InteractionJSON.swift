import Foundation
import OtklikCore

/// An interaction as JSON and CSV carry it: the API, `import --format json` and `--format csv`.
/// Durations are seconds (`wait_s`, `talk_s`, `hold_s`, `wrap_s`); `agent` is a staff code.
public struct InteractionJSON: Codable, Sendable {
    public var id: String
    public var arrivedAt: String
    public var channel: String
    public var queue: String?
    public var location: String?
    public var agent: String?
    public var service: String?
    public var customer: String?
    public var topic: String?
    public var outcome: String
    public var waitS: Double?
    public var talkS: Double?
    public var holdS: Double?
    public var wrapS: Double?
    public var transferred: Bool?
    public var request: String?

    enum CodingKeys: String, CodingKey {
        case id, arrivedAt = "arrived_at", channel, queue, location, agent, service, customer, topic, outcome
        case waitS = "wait_s", talkS = "talk_s", holdS = "hold_s", wrapS = "wrap_s", transferred, request
    }

    public static let columns = [
        "id", "arrived_at", "channel", "queue", "location", "agent", "service", "customer", "topic", "outcome", "wait_s", "talk_s",
        "hold_s", "wrap_s", "transferred", "request",
    ]

    /// The domain value; unknown enum values and bad times name their field.
    public func interaction() throws(OtklikError) -> Interaction {
        guard let date = Timestamp.parse(arrivedAt) else {
            throw .invalid("arrived_at", "arrived_at must be an ISO-8601 time such as 2026-03-02T09:15:00Z")
        }
        guard let channel = Channel(rawValue: channel) else {
            throw .invalid("channel", "unknown channel '\(channel)'; use one of \(Channel.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let outcome = InteractionOutcome(rawValue: outcome) else {
            throw .invalid("outcome", "outcome must be answered, abandoned or self_service")
        }
        return Interaction(
            id: id, channel: channel, queue: queue, location: location, staff: agent, service: service, customer: customer,
            topic: topic, arrivedAt: date, outcome: outcome, waitSeconds: waitS, talkSeconds: talkS, holdSeconds: holdS,
            wrapSeconds: wrapS, transferred: transferred ?? false, request: request)
    }

    /// Reads one CSV row given as column → cell (empty cells absent).
    public init(cells: [String: String]) throws(OtklikError) {
        try self.init { cells[$0] }
    }

    /// Reads one CSV row (``CSVRow``: no dictionary per row, the import's common case).
    public init(row: CSVRow) throws(OtklikError) {
        try self.init { row[$0] }
    }

    /// Reads one CSV row through `cell`, which gives a column's cell (nil when empty or absent).
    init(cell: (String) -> String?) throws(OtklikError) {
        func number(_ column: String) throws(OtklikError) -> Double? {
            guard let text = cell(column) else { return nil }
            guard let value = Double(text) else { throw .invalid(column, "'\(text)' is not a number of seconds") }
            return value
        }
        guard let id = cell("id") else { throw .invalid("id", "id is empty") }
        self.id = id
        arrivedAt = cell("arrived_at") ?? ""
        channel = cell("channel") ?? ""
        queue = cell("queue")
        location = cell("location")
        agent = cell("agent")
        service = cell("service")
        customer = cell("customer")
        topic = cell("topic")
        outcome = cell("outcome") ?? ""
        request = cell("request")
        waitS = try number("wait_s")
        talkS = try number("talk_s")
        holdS = try number("hold_s")
        wrapS = try number("wrap_s")
        if let text = cell("transferred") {
            guard let value = Self.flag(text) else { throw .invalid("transferred", "transferred must be true or false") }
            transferred = value
        }
    }

    /// `true`/`false` in any case, `1`/`0`; nil for anything else. The common spellings are matched before any
    /// lower-casing (which allocates a string).
    static func flag(_ text: String) -> Bool? {
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default:
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: return nil
            }
        }
    }
}

extension InteractionJSON {
    public init(_ interaction: Interaction) {
        id = interaction.id
        arrivedAt = Timestamp.format(interaction.arrivedAt)
        channel = interaction.channel.rawValue
        queue = interaction.queue
        location = interaction.location
        agent = interaction.staff
        service = interaction.service
        customer = interaction.customer
        topic = interaction.topic
        outcome = interaction.outcome.rawValue
        waitS = interaction.waitSeconds
        talkS = interaction.talkSeconds
        holdS = interaction.holdSeconds
        wrapS = interaction.wrapSeconds
        transferred = interaction.transferred
        request = interaction.request
    }
}
