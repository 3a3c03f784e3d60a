import Configuration
import OtklikStore

extension AppConfiguration {
    /// `otklik.trusted.proxies` (OTKLIK_TRUSTED_PROXIES: addresses and CIDR blocks, comma-separated) and the retention
    /// periods in days, each empty by default (keep): `otklik.retention.comments.days` (OTKLIK_RETENTION_COMMENTS_DAYS),
    /// `otklik.retention.contacts.days`, `otklik.retention.deliveries.days`, `otklik.retention.audit.days`.
    mutating func readPrivacy(_ reader: ConfigReader) throws {
        let proxies = reader.string(forKey: "otklik.trusted.proxies") ?? ""
        do {
            trustedProxies = try TrustedProxies(list: proxies)
        } catch {
            throw ConfigurationError(key: "otklik.trusted.proxies", message: "\(error)")
        }
        func days(_ kind: String) throws -> Int? {
            let key = "otklik.retention.\(kind).days"
            guard let text = reader.string(forKey: ConfigKey(key)), !text.isEmpty else { return nil }
            return try Self.integer(text, key: key, default: 0, range: 1...36_500)
        }
        retention = RetentionPolicy(
            commentsDays: try days("comments"), contactsDays: try days("contacts"), deliveriesDays: try days("deliveries"),
            auditDays: try days("audit"))
    }
}
