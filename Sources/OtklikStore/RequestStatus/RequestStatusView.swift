import Foundation
import OtklikCore

/// What a customer's status link shows of a service request: the service, when it was submitted, its status and when it
/// was closed, and their answer to the short survey once given — nothing else (no names, no contact, no cost).
public struct RequestStatusView: Sendable, Equatable {
    public var id: String
    public var service: String
    /// The service's name in the catalogue (its code when the catalogue has none).
    public var serviceName: String
    public var location: String?
    /// The customer the request is stored for (the survey answer is linked to them); never shown.
    public var customer: String?
    public var submittedAt: Date
    public var status: RequestStatus
    public var closedAt: Date?
    /// The customer's CSAT answer (1-5) about the completed request, nil until given.
    public var rating: Int?

    /// The short survey is asked once the request is completed, and until it is answered.
    public var asksForRating: Bool { status == .completed && rating == nil }
}
