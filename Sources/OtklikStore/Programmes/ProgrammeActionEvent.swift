import Foundation

/// The data of a `programme.action` webhook event: which programme acted for which customer (by Otklik's customer id,
/// never an address or a phone number), on which trigger event, over which channel the receiving system may contact
/// them (consent for the programme's purpose is in force on it), and when.
struct ProgrammeActionEvent: Encodable, Equatable {
    static let type = "programme.action"

    var programme: String
    var action: String
    var customer: String
    var trigger: String
    var channel: String
    var arm: String
    var at: Date

    enum CodingKeys: String, CodingKey {
        case programme, action, trigger, channel, arm, at
        case customer = "customer_id"
    }
}
