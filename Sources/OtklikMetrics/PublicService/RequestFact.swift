import Foundation
import OtklikCore

/// The analytic projection of one service request.
public struct RequestFact: Sendable, Equatable {
    public var id: String
    public var service: String
    public var location: String?
    public var channel: Channel
    public var customer: String?
    public var submittedAt: Date
    public var status: RequestStatus
    public var cost: Double?
    /// Local day and hour of submission, set by whoever holds the fact.
    public var day: Int32 = 0
    public var hour: Int8 = 0

    public init(_ request: ServiceRequest) {
        id = request.id
        service = request.service
        location = request.location
        channel = request.channel
        customer = request.customer
        submittedAt = request.submittedAt
        status = request.status
        cost = request.cost
    }
}
