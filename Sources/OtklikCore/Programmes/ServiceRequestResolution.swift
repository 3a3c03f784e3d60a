import Foundation

/// The `service_request_resolved` trigger (issue 19 item 6): a customer's service request (``ServiceRequest``) reaching
/// `completed` — posted again with its status moved on, or first stored completed — triggers the programme once per
/// request, for the request's customer, from the change feed. Written as a string, or as an object to limit it to
/// some services (codes), like `service_request_stalled`:
///
/// `"service_request_resolved"`, `{"kind": "service_request_resolved", "services": ["passport"]}`
///
/// A message's body may carry `{status_link}`: the customer's link to the request's status page, which asks the short
/// survey (CSAT 1-5) once the request is completed.
public struct ServiceRequestResolution: Sendable, Equatable {
    public var services: [String]

    public init(services: [String] = []) {
        self.services = services
    }

    /// Whether a request for `service` triggers the programme.
    public func admits(service: String) -> Bool {
        services.isEmpty || services.contains(service)
    }

    static func parse(_ object: [String: Any]) throws(OtklikError) -> ServiceRequestResolution {
        let known: Set<String> = ["kind", "services"]
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw .invalid(unknown, "unknown field; the fields of a service_request_resolved trigger are \(known.sorted().joined(separator: ", "))")
        }
        var services: [String] = []
        if let value = object["services"] {
            guard let items = value as? [Any] else { throw .invalid("services", "a list of service codes") }
            for (index, item) in items.enumerated() {
                guard let code = item as? String, !code.isEmpty, code.count <= 64 else { throw .invalid("services[\(index)]", "a service's code") }
                if !services.contains(code) { services.append(code) }
            }
        }
        return ServiceRequestResolution(services: services)
    }

    /// The trigger as written: the string when it names no services, else the object.
    var json: Any {
        services.isEmpty
            ? ProgrammeTrigger.serviceRequestResolved.rawValue as Any
            : ["kind": ProgrammeTrigger.serviceRequestResolved.rawValue, "services": services] as [String: Any]
    }
}
