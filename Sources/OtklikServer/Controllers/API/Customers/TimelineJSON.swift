import Foundation
import OtklikCore

/// One page of a customer's timeline in the API, newest first.
struct TimelineJSON: Encodable {
    struct LinkJSON: Encodable {
        var kind: String
        var value: String
    }

    struct ItemJSON: Encodable {
        var kind: String
        var id: String
        var at: Date
        var channel: String?
        var status: String?
        var details: [String: String]
        var linkedBy: LinkJSON?

        enum CodingKeys: String, CodingKey { case kind, id, at, channel, status, details, linkedBy = "linked_by" }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(id, forKey: .id)
            try container.encode(at, forKey: .at)
            try container.encode(channel, forKey: .channel)
            try container.encode(status, forKey: .status)
            try container.encode(details, forKey: .details)
            try container.encode(linkedBy, forKey: .linkedBy)
        }
    }

    var items: [ItemJSON]
    var offset: Int
    var nextOffset: Int?
    var total: Int

    enum CodingKeys: String, CodingKey { case items, offset, nextOffset = "next_offset", total }

    init(_ page: TimelinePage) {
        items = page.items.map {
            ItemJSON(
                kind: $0.kind.rawValue, id: $0.id, at: $0.at, channel: $0.channel, status: $0.status, details: $0.details,
                linkedBy: $0.linkedBy.map { LinkJSON(kind: $0.kind.rawValue, value: $0.value) })
        }
        offset = page.offset
        nextOffset = page.nextOffset
        total = page.total
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(offset, forKey: .offset)
        try container.encode(nextOffset, forKey: .nextOffset)
        try container.encode(total, forKey: .total)
    }
}
