import Foundation

/// One rule-based sign that reveals a life situation: a service request for a service, a transaction in a category
/// (its service code), or a contact about a topic. An address change is a service request or a topic coded
/// `address_change` (a customer record carries no address, so the change is seen where the customer reports it).
public struct LifeSituationSignal: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A service request's service code.
        case serviceRequest = "service_request"
        /// A transaction's category (its service code).
        case transaction
        /// An interaction's topic (a call, chat, e-mail or visit).
        case interactionTopic = "interaction_topic"
    }

    public var kind: Kind
    public var code: String

    public init(kind: Kind, code: String) {
        self.kind = kind
        self.code = code
    }

    /// `service_request:birth_registration`.
    public var key: String { "\(kind.rawValue):\(code)" }
}
