import Foundation

/// What a service request posted again under a stored request's id is (issue 19 item 6): a request is written once,
/// except that its status moves on once — an `open` request becomes completed, rejected or withdrawn with its
/// `closed_at` (and, if the closing states one, its `cost`). Both requests are compared as stored (normalised).
public enum ServiceRequestRevision: Sendable, Equatable {
    /// The same request: a duplicate, nothing is written.
    case same
    /// The open request closing: the stored one is updated to `next`.
    case closes
    /// Any other change: a conflict naming the first field that differs (or that may no longer change).
    case conflict(field: String, message: String)

    /// Compares a stored request with the one posted under its id.
    public static func of(_ stored: ServiceRequest, _ next: ServiceRequest) -> ServiceRequestRevision {
        if stored == next { return .same }
        // What a request is never changes: the service, where, how and when it was submitted, whose it is.
        let identity: [(String, Bool)] = [
            ("service", stored.service == next.service), ("location", stored.location == next.location),
            ("channel", stored.channel == next.channel), ("customer", stored.customer == next.customer),
            ("submitted_at", stored.submittedAt == next.submittedAt),
        ]
        if let field = identity.first(where: { !$0.1 })?.0 {
            return .conflict(field: field, message: "a stored request's \(field) does not change; only an open request's status moves on")
        }
        guard stored.status == .open else {
            let field = stored.status != next.status ? "status" : stored.closedAt != next.closedAt ? "closed_at" : "cost"
            return .conflict(field: field, message: "the request is already \(stored.status.rawValue); a closed request does not change")
        }
        guard next.status != .open else {
            // Open and open: only the cost can differ here (an open request has no closing time).
            return .conflict(field: "cost", message: "an open request changes only by closing (status completed, rejected or withdrawn with closed_at)")
        }
        if let cost = stored.cost, next.cost != cost {
            return .conflict(field: "cost", message: "the request's cost \(cost) was stated already; it does not change")
        }
        return .closes
    }
}
