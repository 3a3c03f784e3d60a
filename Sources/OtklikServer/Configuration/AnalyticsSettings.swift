import Configuration
import OtklikClickHouse

/// Which engine answers the feedback metrics: `otklik.analytics` (OTKLIK_ANALYTICS) `embedded` (the default: the
/// columnar engine in this process) or `clickhouse`, then with `otklik.clickhouse.url` (OTKLIK_CLICKHOUSE_URL,
/// `http://[USER:PASSWORD@]HOST:PORT/?database=NAME`) and optionally `otklik.clickhouse.user` and
/// `otklik.clickhouse.password` (OTKLIK_CLICKHOUSE_USER, OTKLIK_CLICKHOUSE_PASSWORD), which win over those in the URL.
public enum AnalyticsSettings: Sendable, Equatable {
    case embedded
    case clickhouse(ClickHouseAddress)

    /// `embedded` or `clickhouse`, as `/health` names it.
    public var name: String {
        switch self {
        case .embedded: "embedded"
        case .clickhouse: "clickhouse"
        }
    }

    static func read(_ reader: ConfigReader) throws -> AnalyticsSettings {
        let choice = reader.string(forKey: "otklik.analytics", default: "embedded")
        switch choice {
        case "embedded", "":
            return .embedded
        case "clickhouse":
            guard let url = reader.string(forKey: "otklik.clickhouse.url"), !url.isEmpty else {
                throw ConfigurationError(
                    key: "otklik.clickhouse.url", message: "otklik.analytics is clickhouse: give the server's address, http://HOST:8123/?database=NAME")
            }
            do {
                return .clickhouse(
                    try ClickHouseAddress(
                        url: url, user: reader.string(forKey: "otklik.clickhouse.user"),
                        password: reader.string(forKey: "otklik.clickhouse.password", isSecret: true)))
            } catch {
                throw ConfigurationError(key: "otklik.clickhouse.url", message: "\(error)")
            }
        default:
            throw ConfigurationError(key: "otklik.analytics", message: "must be embedded or clickhouse, got '\(choice)'")
        }
    }
}
