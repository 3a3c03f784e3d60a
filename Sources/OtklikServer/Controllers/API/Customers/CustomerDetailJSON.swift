import Foundation
import OtklikCore
import OtklikStore

/// One customer in full, as `GET /api/v1/customers/{id}` and `otklik customers show ID --format json` give it: its
/// attributes and identities, a page of its timeline (each item with the identity that linked it), its consents and
/// contact preferences, the merges it took part in, and the customer it was merged into.
public struct CustomerDetailJSON: Encodable, Sendable {
    struct ConsentJSON: Encodable {
        var id: String
        var purpose: String
        var channel: String
        var source: String
        var givenAt: Date
        var expiresAt: Date?
        var withdrawnAt: Date?
        var inForce: Bool

        enum CodingKeys: String, CodingKey {
            case id, purpose, channel, source, givenAt = "given_at", expiresAt = "expires_at", withdrawnAt = "withdrawn_at", inForce = "in_force"
        }
    }

    struct PreferencesJSON: Encodable {
        var preferredChannel: String?
        var language: String?
        var timeZone: String?
        var quietFromMinute: Int?
        var quietToMinute: Int?
        var maxPerWeek: Int?
        /// `21:00-09:00`, from the two minutes.
        var quietHours: String?

        enum CodingKeys: String, CodingKey {
            case preferredChannel = "preferred_channel", language, timeZone = "time_zone", quietFromMinute = "quiet_from_minute"
            case quietToMinute = "quiet_to_minute", maxPerWeek = "max_per_week", quietHours = "quiet_hours"
        }

        init(_ p: ContactPreferences) {
            preferredChannel = p.preferredChannel
            language = p.language
            timeZone = p.timeZone
            quietFromMinute = p.quietFromMinute
            quietToMinute = p.quietToMinute
            maxPerWeek = p.maxPerWeek
            if let from = p.quietFromMinute, let to = p.quietToMinute {
                quietHours = ContactPreferencesInput.clock(from) + "-" + ContactPreferencesInput.clock(to)
            }
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(preferredChannel, forKey: .preferredChannel)
            try c.encode(language, forKey: .language)
            try c.encode(timeZone, forKey: .timeZone)
            try c.encode(quietFromMinute, forKey: .quietFromMinute)
            try c.encode(quietToMinute, forKey: .quietToMinute)
            try c.encode(quietHours, forKey: .quietHours)
            try c.encode(maxPerWeek, forKey: .maxPerWeek)
        }
    }

    var base: CustomerJSON
    var mergedInto: String?
    var consents: [ConsentJSON]
    var preferences: PreferencesJSON?
    var merges: [CustomerMergeJSON]
    /// The value per customer, where the caller asks for it (`otklik customers show --format json`).
    public var value: CustomerValueJSON?

    enum CodingKeys: String, CodingKey { case mergedInto = "merged_into", consents, contactPreferences = "contact_preferences", merges, value }

    /// With `locations` (a caller limited to some locations): nil for a customer without a record there, the timeline
    /// of the records there only, and no merges (they name other customers).
    public static func load(
        _ id: String, database: AppDatabase, offset: Int = 0, limit: Int = 50, locations: Set<String>? = nil, now: Date = Date()
    ) async throws -> CustomerDetailJSON? {
        guard let customer = try await database.customers.customer(id: id), try await database.customers.isVisible(id, within: locations) else { return nil }
        let timeline = try await database.customers.timeline(of: id, offset: offset, limit: limit, locations: locations)
        let preferences = try await database.consents.preferences(of: id)
        // Merges name other customers: not for a caller limited to some locations.
        var mergedInto: String?
        var merges: [CustomerMergeJSON] = []
        if locations == nil {
            mergedInto = try await SQLCustomerLookup(database: database.sql).mergedInto(id)
            merges = try await database.customerMerges.merges(of: id).map(CustomerMergeJSON.init)
        }
        return CustomerDetailJSON(
            base: CustomerJSON(customer, timeline: timeline),
            mergedInto: mergedInto,
            consents: try await database.consents.consents(of: id).map {
                ConsentJSON(
                    id: $0.id, purpose: $0.purpose.rawValue, channel: $0.channel, source: $0.source, givenAt: $0.givenAt, expiresAt: $0.expiresAt,
                    withdrawnAt: $0.withdrawnAt, inForce: $0.inForce(at: now))
            },
            preferences: preferences.map(PreferencesJSON.init),
            merges: merges)
    }

    public func encode(to encoder: any Encoder) throws {
        try base.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(mergedInto, forKey: .mergedInto)
        try container.encode(consents, forKey: .consents)
        try container.encode(preferences, forKey: .contactPreferences)
        try container.encode(merges, forKey: .merges)
        if let value { try container.encode(value, forKey: .value) }
    }
}
