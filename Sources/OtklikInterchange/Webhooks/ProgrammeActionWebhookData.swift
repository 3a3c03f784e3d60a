import Foundation

/// The data of a `programme.action` webhook event: which programme acted for which customer (by Otklik's customer id,
/// never an address or a phone number), on which trigger event, over which channel the receiving system may contact
/// them (consent for the programme's purpose is in force on it), and when.
public struct ProgrammeActionWebhookData: Encodable, Equatable, Sendable {
    public static let type = "programme.action"

    public var programme: String
    public var action: String
    public var customer: String
    public var trigger: String
    public var channel: String
    public var arm: String
    public var at: Date

    enum CodingKeys: String, CodingKey {
        case programme, action, trigger, channel, arm, at
        case customer = "customer_id"
    }

    public init(programme: String, action: String, customer: String, trigger: String, channel: String, arm: String, at: Date) {
        (self.programme, self.action, self.customer, self.trigger) = (programme, action, customer, trigger)
        (self.channel, self.arm, self.at) = (channel, arm, at)
    }
}
