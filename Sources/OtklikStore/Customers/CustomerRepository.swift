import OtklikCore

/// Customers and what happened to them: search by name, phone, e-mail or external id (normalised before matching),
/// one customer with its identities, and one timeline across feedback, interactions, cases, survey invitations and
/// answers, and service requests.
public protocol CustomerRepository: Sendable {
    /// Customers whose identifier equals what `query` normalises to, whose id is `query`, or whose name contains it.
    func search(_ query: String, limit: Int) async throws -> [Customer]
    func customer(id: String) async throws -> Customer?
    /// Newest first, `limit` items from `offset`.
    func timeline(of customer: String, offset: Int, limit: Int) async throws -> TimelinePage
    /// The customer a feedback was resolved to (nil when it named nobody).
    func customerID(ofFeedback feedback: String) async throws -> String?
    /// Sets a customer's display name and language (nil leaves a value as it is).
    func updateProfile(customer: String, displayName: String?, lang: String?) async throws
}
