import Foundation

/// An interaction offered to a survey's sampling plan as it happens: a visit at a counter, a call, a chat. `contact`
/// (a phone or an e-mail) is where the invitation goes; it is kept only in the invitation's outbox row until sent.
public struct SurveyInteraction: Sendable, Equatable {
    public var id: String
    public var at: Date
    public var customer: String?
    public var location: String?
    public var staff: String?
    public var service: String?
    public var channel: String?
    public var queue: String?
    public var topic: String?
    public var contact: String?
    public var lang: String?

    public init(
        id: String, at: Date, customer: String? = nil, location: String? = nil, staff: String? = nil, service: String? = nil,
        channel: String? = nil, queue: String? = nil, topic: String? = nil, contact: String? = nil, lang: String? = nil
    ) {
        self.id = id
        self.at = at
        self.customer = customer
        self.location = location
        self.staff = staff
        self.service = service
        self.channel = channel
        self.queue = queue
        self.topic = topic
        self.contact = contact
        self.lang = lang
    }

    public func validate() throws(OtklikError) {
        try Identifier.validate(id, field: "id")
        for (field, value) in [("location", location), ("staff", staff), ("service", service), ("queue", queue), ("topic", topic)] {
            if let value { try Identifier.validate(value, field: field) }
        }
        if let customer, customer.isEmpty || customer.count > 200 { throw .invalid("customer", "customer is 1-200 characters") }
        if let channel, Channel(rawValue: channel) == nil { throw .invalid("channel", "unknown channel '\(channel)'") }
        if let contact, contact.isEmpty || contact.count > 200 { throw .invalid("contact", "contact is 1-200 characters") }
        if let lang, !["ru", "en"].contains(lang) { throw .invalid("lang", "lang is ru or en") }
    }

    /// The value of a survey attribute or stratum variable by name.
    public func value(of name: String) -> String? {
        switch name {
        case "location": location
        case "staff": staff
        case "service": service
        case "channel": channel
        case "queue": queue
        case "topic": topic
        default: nil
        }
    }
}
