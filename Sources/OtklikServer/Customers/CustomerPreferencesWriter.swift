import Foundation
import OtklikCore
import OtklikStore

/// Writes a customer's contact preferences for the API, the CLI and the customer page: checks the input whole and
/// that the customer exists, is not erased and was not merged into another (the error names the survivor), then
/// stores every field in one statement — nothing half-written. Readers (the proactive programmes at send time) use
/// `SQLCustomerConsents.preferences(of:)` and `consents(of:)`.
public struct CustomerPreferencesWriter: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    @discardableResult
    public func write(_ input: ContactPreferencesInput, customer id: String) async throws -> ContactPreferences {
        let preferences = try input.validated(customer: id)
        if let survivor = try await SQLCustomerLookup(database: database.sql).mergedInto(id) {
            throw OtklikError(.conflict, "customer \(id) was merged into \(survivor); set the preferences there", field: "id")
        }
        guard let customer = try await database.customers.customer(id: id) else { throw OtklikError(.notFound, "no such customer: \(id)", field: "id") }
        if customer.erased { throw OtklikError(.conflict, "customer \(id) was erased", field: "id") }
        try await database.consents.setPreferences(preferences)
        return preferences
    }
}
