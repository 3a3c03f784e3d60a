import Foundation
import OtklikCore

extension Interaction: StoredRecord {
    var occurredAt: Date? { arrivedAt }
    static let table = "interactions"
    static let feedKind = FeedEventKind.interactions
    static var references: [(table: String, field: String, path: KeyPath<Interaction, String?>)] {[
        ("locations", "location", \.location), ("staff", "agent", \.staff), ("services", "service", \.service),
    ]}
    static let columnList = [
        "id", "channel", "queue", "location_code", "staff_code", "service_code", "customer_id", "topic", "arrived_at",
        "outcome", "wait_ms", "talk_ms", "hold_ms", "wrap_ms", "transferred", "received_at", "request_id",
    ]

    /// The group's calls as a reader of the feed gets them: each with the customer the write linked it to (the stored
    /// `customer_id`), in id order (``CommittedGroup``).
    static func engineBatch(_ group: CommittedGroup<Interaction>) -> (@Sendable () -> FeedBatch)? {
        {
            FeedBatch(through: group.position, interactions: group.records.map { record in
                var stored = record
                stored.customer = group.customers[record.id]
                return stored
            })
        }
    }

    /// Whole milliseconds for every time and duration, no empty strings.
    public func normalized() -> Interaction {
        var copy = self
        let clean = StoredText.clean
        func ms(_ seconds: Double?) -> Double? { seconds.map { ($0 * 1000).rounded() / 1000 } }
        copy.arrivedAt = Date(timeIntervalSince1970: (arrivedAt.timeIntervalSince1970 * 1000).rounded() / 1000)
        copy.queue = clean(queue)
        copy.location = clean(location)
        copy.staff = clean(staff)
        copy.service = clean(service)
        copy.customer = clean(customer).flatMap { IdentityNormalizer.verbatim($0, kind: .external).identity?.value }
        copy.topic = clean(topic)
        copy.request = clean(request)
        copy.waitSeconds = ms(waitSeconds)
        copy.talkSeconds = ms(talkSeconds)
        copy.holdSeconds = ms(holdSeconds)
        copy.wrapSeconds = ms(wrapSeconds)
        return copy
    }

    func binds(receivedAt: Int64) -> [SQLValue] {
        func ms(_ seconds: Double?) -> SQLValue { seconds.map { .int(Int64(($0 * 1000).rounded())) } ?? .null }
        return [
            .text(id), .text(channel.rawValue), SQLValue(queue), SQLValue(location), SQLValue(staff), SQLValue(service),
            SQLValue(customer), SQLValue(topic), .int(Int64((arrivedAt.timeIntervalSince1970 * 1000).rounded())),
            .text(outcome.rawValue), ms(waitSeconds), ms(talkSeconds), ms(holdSeconds), ms(wrapSeconds),
            .int(transferred ? 1 : 0), .int(receivedAt), SQLValue(request),
        ]
    }

    init(row: SQLRow) throws {
        guard let channel = Channel(rawValue: try row.string("channel")),
            let outcome = InteractionOutcome(rawValue: try row.string("outcome")), let arrived = row.int64("arrived_at")
        else { throw OtklikError(.internal, "stored interaction has an unknown channel, outcome or time") }
        func seconds(_ column: String) -> Double? { row.int64(column).map { Double($0) / 1000 } }
        self.init(
            id: try row.string("id"), channel: channel, queue: row.text("queue"), location: row.text("location_code"),
            staff: row.text("staff_code"), service: row.text("service_code"), customer: row.text("customer_id"),
            topic: row.text("topic"), arrivedAt: Date(timeIntervalSince1970: Double(arrived) / 1000), outcome: outcome,
            waitSeconds: seconds("wait_ms"), talkSeconds: seconds("talk_ms"), holdSeconds: seconds("hold_ms"),
            wrapSeconds: seconds("wrap_ms"), transferred: (row.int64("transferred") ?? 0) != 0, request: row.text("request_id"))
    }
}

extension Interaction: NormalizedRecord {}
