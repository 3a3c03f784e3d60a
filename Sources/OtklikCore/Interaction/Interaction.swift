import Foundation

/// Any contact between a customer and the organisation: a visit, a call, a chat, an e-mail.
/// Queue timings for calls arrive with the contact-centre work; the schema keeps room for them.
public struct Interaction: Sendable, Codable, Equatable {
    public var id: String
    public var channel: Channel
    public var location: String?
    public var staff: String?
    public var service: String?
    public var customer: String?
    public var startedAt: Date
    public var endedAt: Date?
    public var outcome: String?

    public init(
        id: String, channel: Channel, location: String? = nil, staff: String? = nil, service: String? = nil,
        customer: String? = nil, startedAt: Date, endedAt: Date? = nil, outcome: String? = nil
    ) {
        self.id = id
        self.channel = channel
        self.location = location
        self.staff = staff
        self.service = service
        self.customer = customer
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.outcome = outcome
    }
}
