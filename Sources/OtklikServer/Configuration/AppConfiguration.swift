import Configuration
import Foundation

/// Every setting of the server, read once at start from the command line, the environment and defaults,
/// in that order. Keys (environment form in brackets): `otklik.db` (OTKLIK_DB), `otklik.host`
/// (OTKLIK_HOST), `otklik.port` (OTKLIK_PORT), `otklik.minimum.n` (OTKLIK_MINIMUM_N),
/// `otklik.log.level` (OTKLIK_LOG_LEVEL), `otklik.session.hours` (OTKLIK_SESSION_HOURS),
/// `otklik.cookie.secure` (OTKLIK_COOKIE_SECURE).
public struct AppConfiguration: Sendable {
    public var databaseURL: String
    public var host: String
    public var port: Int
    /// Groups with fewer respondents show "insufficient data" instead of a number.
    public var minimumN: Int
    public var logLevel: String
    public var sessionLifetime: Duration
    /// Mark the session cookie `Secure` (set when Otklik is served over HTTPS behind a proxy).
    public var secureCookies: Bool

    public static let defaultDatabaseURL = "sqlite:otklik.sqlite"

    public init(
        databaseURL: String = defaultDatabaseURL, host: String = "127.0.0.1", port: Int = 8080, minimumN: Int = 30,
        logLevel: String = "info", sessionLifetime: Duration = .seconds(12 * 3600), secureCookies: Bool = false
    ) {
        self.databaseURL = databaseURL
        self.host = host
        self.port = port
        self.minimumN = minimumN
        self.logLevel = logLevel
        self.sessionLifetime = sessionLifetime
        self.secureCookies = secureCookies
    }

    /// Reads the settings; `overrides` are values given on the command line (key → value).
    public init(overrides: [String: String], environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, value) in overrides {
            values[AbsoluteConfigKey(key.split(separator: ".").map(String.init))] = .init(.string(value), isSecret: key == "otklik.db")
        }
        let reader = ConfigReader(providers: [
            InMemoryProvider(name: "command line", values: values),
            EnvironmentVariablesProvider(environmentVariables: environment, secretsSpecifier: .specific(["OTKLIK_DB"])),
        ])
        let defaults = AppConfiguration()
        self.init(
            databaseURL: reader.string(forKey: "otklik.db", default: defaults.databaseURL),
            host: reader.string(forKey: "otklik.host", default: defaults.host),
            port: try Self.integer(reader.string(forKey: "otklik.port"), key: "otklik.port", default: defaults.port, range: 0...65535),
            minimumN: try Self.integer(
                reader.string(forKey: "otklik.minimum.n"), key: "otklik.minimum.n", default: defaults.minimumN, range: 1...100_000),
            logLevel: reader.string(forKey: "otklik.log.level", default: defaults.logLevel),
            sessionLifetime: .seconds(
                try Self.integer(reader.string(forKey: "otklik.session.hours"), key: "otklik.session.hours", default: 12, range: 1...720)
                    * 3600),
            secureCookies: reader.string(forKey: "otklik.cookie.secure", default: "false") == "true")
    }

    static func integer(_ text: String?, key: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw ConfigurationError(key: key, message: "must be an integer in \(range.lowerBound)...\(range.upperBound), got '\(text)'")
        }
        return number
    }
}

/// A setting with a value Otklik cannot use.
public struct ConfigurationError: Error, CustomStringConvertible {
    public var key: String
    public var message: String
    public var description: String { "configuration \(key): \(message)" }
}
