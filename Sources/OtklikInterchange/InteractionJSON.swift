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
        func number(_ column: String) throws(OtklikError) -> Double? {
            guard let text = cells[column] else { return nil }
            guard let value = Double(text) else { throw .invalid(column, "'\(text)' is not a number of seconds") }
            return value
        }
        guard let id = cells["id"] else { throw .invalid("id", "id is empty") }
        self.id = id
        arrivedAt = cells["arrived_at"] ?? ""
        channel = cells["channel"] ?? ""
        queue = cells["queue"]
        location = cells["location"]
        agent = cells["agent"]
        service = cells["service"]
        customer = cells["customer"]
        topic = cells["topic"]
        outcome = cells["outcome"] ?? ""
        request = cells["request"]
        waitS = try number("wait_s")
        talkS = try number("talk_s")
        holdS = try number("hold_s")
        wrapS = try number("wrap_s")
        if let text = cells["transferred"] {
            guard ["true", "false", "1", "0"].contains(text.lowercased()) else { throw .invalid("transferred", "transferred must be true or false") }
            transferred = ["true", "1"].contains(text.lowercased())
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
