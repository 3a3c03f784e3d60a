import Foundation
import OtklikCore
import OtklikText

extension Feedback: StoredRecord {
    var occurredAt: Date? { ts }
    static let table = "feedback"
    static let feedKind = FeedEventKind.feedback
    static var references: [(table: String, field: String, path: KeyPath<Feedback, String?>)] {[
        ("locations", "location", \.location), ("staff", "staff", \.staff),
        ("services", "service", \.service), ("devices", "device", \.device),
    ]}
    static let columnList = [
        "id", "ts", "channel", "kind", "location_code", "staff_code", "service_code", "device_code", "customer_id",
        "interaction_id", "nps", "csat", "ces", "button", "reasons", "comment", "contact", "lang", "received_at",
        "customer_link",
    ]

    /// The group's facts as the engine loads them (``CommittedGroup/feedBatch``).
    static func engineBatch(_ group: CommittedGroup<Feedback>) -> (@Sendable () -> FeedBatch)? { { group.feedBatch } }

    static func retimed(_ item: Feedback, like stored: Feedback) -> Feedback {
        var copy = item
        copy.ts = stored.ts
        return copy
    }

    /// The form in which feedback is stored and compared: whole milliseconds, no empty strings,
    /// language detected from the comment when the client gave none.
    public func normalized() -> Feedback {
        var copy = self
        copy.ts = Date(timeIntervalSince1970: TimeInterval(Self.milliseconds(ts)) / 1000)
        let clean = StoredText.clean
        copy.location = clean(location)
        copy.staff = clean(staff)
        copy.service = clean(service)
        copy.device = clean(device)
        copy.customer = clean(customer).flatMap { IdentityNormalizer.verbatim($0, kind: .external).identity?.value }
        copy.interaction = clean(interaction)
        copy.comment = comment.flatMap { $0.isEmpty ? nil : $0 }
        copy.contact = clean(contact)
        copy.reasons = reasons.compactMap(clean)
        copy.lang = clean(lang) ?? copy.comment.flatMap(LanguageDetector.detect)
        return copy
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    func binds(receivedAt: Int64) -> [SQLValue] {
        [
            .text(id), .int(Self.milliseconds(ts)), .text(channel.rawValue), .text(kind.rawValue),
            SQLValue(location), SQLValue(staff), SQLValue(service), SQLValue(device), SQLValue(customer),
            SQLValue(interaction), SQLValue(nps), SQLValue(csat), SQLValue(ces), SQLValue(button?.rawValue),
            reasons.isEmpty ? .null : .text(reasons.joined(separator: ";")), SQLValue(comment), SQLValue(contact),
            SQLValue(lang), .int(receivedAt), .null,  // customer_link: set by the write path from the resolution
        ]
    }

    init(row: SQLRow) throws {
        guard let channel = Channel(rawValue: try row.string("channel")),
            let kind = FeedbackKind(rawValue: try row.string("kind")), let ts = row.int64("ts")
        else { throw OtklikError(.internal, "stored feedback has an unknown channel, kind or time") }
        self.init(
            id: try row.string("id"), ts: Date(timeIntervalSince1970: TimeInterval(ts) / 1000), channel: channel,
            kind: kind, location: row.text("location_code"), staff: row.text("staff_code"),
            service: row.text("service_code"), device: row.text("device_code"), customer: Self.clientCustomer(row),
            interaction: row.text("interaction_id"), nps: row.int("nps"), csat: row.int("csat"), ces: row.int("ces"),
            button: row.text("button").flatMap(ButtonPress.init(rawValue:)),
            reasons: row.text("reasons").map { $0.split(separator: ";").map(String.init) } ?? [],
            comment: row.text("comment"), contact: row.text("contact"), lang: row.text("lang"))
    }
}

extension Feedback {
    /// The client's customer id and the contact left, normalised: what resolves the feedback's customer.
    var identityClaims: [CustomerIdentity] {
        (customer.map { [CustomerIdentity(kind: .external, value: $0)] } ?? []) + (contact.flatMap { IdentityNormalizer.contact($0).identity }.map { [$0] } ?? [])
    }

    /// The customer id the client sent: the resolved customer when the feedback was linked by it (a customer reached
    /// only through the contact is not something the client sent).
    static func clientCustomer(_ row: SQLRow) -> String? {
        let link = row.text("customer_link")
        return link == nil || link == IdentityKind.external.rawValue ? row.text("customer_id") : nil
    }
}

extension Feedback: NormalizedRecord {}
