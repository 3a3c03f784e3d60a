import Foundation
import OtklikCore

/// A customer in the API: its attributes, its identities and, on `GET /api/v1/customers/{id}`, one page of its timeline.
struct CustomerJSON: Encodable {
    struct IdentityJSON: Encodable {
        var kind: String
        var value: String
        var source: String
        var firstSeenAt: Date

        enum CodingKeys: String, CodingKey { case kind, value, source, firstSeenAt = "first_seen_at" }
    }

    var id: String
    var createdAt: Date
    var displayName: String?
    var lang: String?
    var erased: Bool
    var identities: [IdentityJSON]
    var timeline: TimelineJSON?

    enum CodingKeys: String, CodingKey {
        case id, createdAt = "created_at", displayName = "display_name", lang, erased, identities, timeline
    }

    init(_ customer: Customer, timeline: TimelinePage? = nil) {
        id = customer.id
        createdAt = customer.createdAt
        displayName = customer.displayName
        lang = customer.lang
        erased = customer.erased
        identities = customer.identities.map {
            IdentityJSON(kind: $0.identity.kind.rawValue, value: $0.identity.value, source: $0.source, firstSeenAt: $0.firstSeenAt)
        }
        self.timeline = timeline.map(TimelineJSON.init)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(displayName, forKey: .displayName)
        try container.encode(lang, forKey: .lang)
        try container.encode(erased, forKey: .erased)
        try container.encode(identities, forKey: .identities)
        try container.encodeIfPresent(timeline, forKey: .timeline)
    }
}
