import OtklikCore

/// Customers and what happened to them: search by name, phone, e-mail or external id (normalised before matching),
/// one customer with its identities, and one timeline across feedback, interactions, cases, survey invitations and
/// answers, and service requests.
public protocol CustomerRepository: Sendable {
    /// Customers whose identifier equals what `query` normalises to, whose id is `query`, or whose name contains it.
    /// With `locations`, only customers with a record at one of them (``hasRecord(customer:at:)``).
    func search(_ query: String, limit: Int, locations: Set<String>?) async throws -> [Customer]
    func customer(id: String) async throws -> Customer?
    /// Newest first, `limit` items from `offset`. With `locations` (a caller limited to some locations), only the
    /// records at those locations: feedback, interactions, service requests and transactions there, and the cases
    /// of that feedback; survey invitations, answers and messages, which have no location, are left out.
    func timeline(of customer: String, offset: Int, limit: Int, locations: Set<String>?) async throws -> TimelinePage
    /// Whether the customer has a record (feedback, interaction, service request, transaction) at one of `locations`.
    func hasRecord(customer: String, at locations: Set<String>) async throws -> Bool
    /// The customer a feedback was resolved to (nil when it named nobody).
    func customerID(ofFeedback feedback: String) async throws -> String?
    /// Sets a customer's display name and language (nil leaves a value as it is).
    func updateProfile(customer: String, displayName: String?, lang: String?) async throws
}

extension CustomerRepository {
    /// Every matching customer (no location limit).
    public func search(_ query: String, limit: Int) async throws -> [Customer] {
        try await search(query, limit: limit, locations: nil)
    }

    /// The whole timeline (no location limit).
    public func timeline(of customer: String, offset: Int, limit: Int) async throws -> TimelinePage {
        try await timeline(of: customer, offset: offset, limit: limit, locations: nil)
    }

    /// Whether a caller limited to `locations` (nil: the whole organisation) may see the customer at all.
    public func isVisible(_ customer: String, within locations: Set<String>?) async throws -> Bool {
        guard let locations else { return true }
        return try await hasRecord(customer: customer, at: locations)
    }
}
