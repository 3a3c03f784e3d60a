import Foundation

/// A customer's request for a service — an application at a public-service centre, a loan application,
/// a repair order: the unit the public-service KPIs (seed 000) count.
public struct ServiceRequest: Sendable, Codable, Equatable {
    public var id: String
    public var service: String
    public var location: String?
    /// Where it was submitted: `web` and `mobile_app` are online.
    public var channel: Channel
    public var customer: String?
    public var submittedAt: Date
    public var status: RequestStatus
    /// When it was completed, rejected or withdrawn.
    public var closedAt: Date?
    /// What delivering it cost, in the organisation's currency, as allocated by its finance system.
    public var cost: Double?

    public init(
        id: String, service: String, location: String? = nil, channel: Channel, customer: String? = nil, submittedAt: Date,
        status: RequestStatus, closedAt: Date? = nil, cost: Double? = nil
    ) {
        self.id = id
        self.service = service
        self.location = location
        self.channel = channel
        self.customer = customer
        self.submittedAt = submittedAt
        self.status = status
        self.closedAt = closedAt
        self.cost = cost
    }

    /// Checks every field; the error names the first field that is wrong.
    public func validate(now: Date = Date()) throws(OtklikError) {
        try Identifier.validate(id, field: "id")
        try Identifier.validate(service, field: "service")
        if let location { try Identifier.validate(location, field: "location") }
        if let customer, customer.isEmpty || customer.count > 128 {
            throw .invalid("customer", "customer reference must be 1-128 characters")
        }
        if submittedAt.timeIntervalSince(now) > 300 { throw .invalid("submitted_at", "submission is in the future") }
        switch (status, closedAt) {
        case (.open, .some): throw .invalid("closed_at", "an open request has no closing time")
        case (.completed, nil), (.rejected, nil), (.withdrawn, nil):
            throw .invalid("closed_at", "a \(status.rawValue) request needs its closing time")
        case (_, .some(let closed)) where closed < submittedAt:
            throw .invalid("closed_at", "closed_at is before submitted_at")
        default: break
        }
        if let cost, !(cost >= 0 && cost < 1e12) { throw .invalid("cost", "cost must be a number ≥ 0") }
    }
}
