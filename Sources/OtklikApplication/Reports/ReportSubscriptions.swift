import Foundation
import OtklikCore
import OtklikStore

/// Subscribing to the monthly report by e-mail, the same for the CLI, the API and the report page: the fields are
/// checked (each error names its field), a location must exist, and subscribing again with the same settings returns
/// the existing subscription instead of a second one (a retried request sends one mail a month, not two).
public struct ReportSubscriptions: Sendable {
    let repository: any ReportSubscriptionRepository

    public init(repository: any ReportSubscriptionRepository) {
        self.repository = repository
    }

    /// The subscription, and whether it was created now (false: an identical one existed).
    public func subscribe(
        email: String, location: String?, language: String, formats: [String], day: Int, now: Date = Date()
    ) async throws -> (subscription: ReportSubscription, created: Bool) {
        let chosen = try ReportSubscription.validated(email: email, language: language, formats: formats, day: day)
        let address = email.trimmingCharacters(in: .whitespaces)
        let location = location.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        if let existing = try await repository.subscriptions().first(where: {
            $0.email.lowercased() == address.lowercased() && $0.location == location && $0.language == language && $0.formats == chosen && $0.day == day
        }) {
            return (existing, false)
        }
        let subscription = ReportSubscription(
            id: "rs-" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(10).lowercased(), email: address, location: location,
            language: language, formats: chosen, day: day, createdAt: now)
        try await repository.add(subscription)
        return (subscription, true)
    }

    public func list() async throws -> [ReportSubscription] { try await repository.subscriptions() }

    /// Removes a subscription; an unknown id is a not-found error naming `id`.
    public func unsubscribe(id: String) async throws {
        guard try await repository.remove(id: id) else { throw OtklikError(.notFound, "no report subscription '\(id)'", field: "id") }
    }

    public func mailings(id: String) async throws -> [ReportMailing] { try await repository.mailings(subscription: id) }
}
