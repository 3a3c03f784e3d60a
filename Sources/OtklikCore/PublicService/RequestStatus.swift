/// Where a service request (an application for a public or commercial service) stands.
public enum RequestStatus: String, Sendable, Codable, CaseIterable {
    /// Submitted, not yet decided.
    case open
    /// The service was delivered.
    case completed
    /// Refused (documents missing, not eligible).
    case rejected
    /// Withdrawn by the customer.
    case withdrawn
}
