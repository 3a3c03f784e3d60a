import Foundation

/// The `service_request_stalled` trigger (issue 19 item 2): a service request (``ServiceRequest``) still open — not
/// completed, rejected or withdrawn — once its term has passed. Requests carry no deadline of their own, so the
/// definition gives the term in working days of the organisation's calendar (Monday-Friday with its holidays and
/// transferred days), counted from the day after submission as public-service terms are:
///
/// `{"kind": "service_request_stalled", "working_days": 10, "services": ["passport"]}`
///
/// The deadline is the end of the `working_days`-th working day after the submission day; the request stalls on the
/// next calendar day. `services` (optional) limits it to requests for those services (codes); without it every
/// service has the same term. Evaluated once a day on the leader's round, like `case_overdue`'s breach (a case's
/// deadline passing is noticed by the supervision round, not announced by a feed event): one action per programme and
/// request, for the request's customer.
public struct ServiceRequestStall: Sendable, Equatable {
    public var workingDays: Int
    public var services: [String]

    public init(workingDays: Int, services: [String] = []) {
        self.workingDays = workingDays
        self.services = services
    }

    static func parse(_ object: [String: Any]) throws(OtklikError) -> ServiceRequestStall {
        let known: Set<String> = ["kind", "working_days", "services"]
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw .invalid(unknown, "unknown field; the fields of a service_request_stalled trigger are \(known.sorted().joined(separator: ", "))")
        }
        guard object["working_days"] != nil else { throw .invalid("working_days", "required: the request's term in working days (1-365)") }
        let days = try ProgrammeDefinition.integer(object, "working_days", default: 0)
        guard (1...365).contains(days) else { throw .invalid("working_days", "a whole number of working days between 1 and 365") }
        var services: [String] = []
        if let value = object["services"] {
            guard let items = value as? [Any] else { throw .invalid("services", "a list of service codes") }
            for (index, item) in items.enumerated() {
                guard let code = item as? String, !code.isEmpty, code.count <= 64 else { throw .invalid("services[\(index)]", "a service's code") }
                if !services.contains(code) { services.append(code) }
            }
        }
        return ServiceRequestStall(workingDays: days, services: services)
    }

    var json: [String: Any] {
        var object: [String: Any] = ["kind": ProgrammeTrigger.serviceRequestStalled.rawValue, "working_days": workingDays]
        if !services.isEmpty { object["services"] = services }
        return object
    }
}
