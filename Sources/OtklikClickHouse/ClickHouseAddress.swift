import Foundation

/// Where a ClickHouse server is and who to be there: `http://[USER:PASSWORD@]HOST[:PORT]/[?database=NAME]` (or
/// `https://`), with user and password given in the address or separately (separately wins). The database defaults
/// to `otklik`. Nothing here is ever printed with its password: ``redacted`` shows the address without credentials.
public struct ClickHouseAddress: Sendable, Equatable {
    /// `http://HOST:PORT/`, without credentials.
    public var endpoint: String
    public var user: String?
    public var password: String?
    public var database: String

    public static let defaultDatabase = "otklik"

    public init(url: String, user: String? = nil, password: String? = nil) throws(ClickHouseError) {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme, ["http", "https"].contains(scheme),
            let host = parts.host, !host.isEmpty, parts.path.isEmpty || parts.path == "/"
        else { throw .invalidURL(Self.hidingCredentials(url)) }
        let port = parts.port ?? (scheme == "https" ? 8443 : 8123)
        endpoint = "\(scheme)://\(host.contains(":") ? "[\(host)]" : host):\(port)/"
        let given = user.flatMap { $0.isEmpty ? nil : $0 }
        self.user = given ?? parts.user.map { $0.removingPercentEncoding ?? $0 }
        self.password = password.flatMap { $0.isEmpty ? nil : $0 } ?? parts.password.map { $0.removingPercentEncoding ?? $0 }
        var database = Self.defaultDatabase
        for item in parts.queryItems ?? [] {
            guard item.name == "database", let value = item.value, !value.isEmpty else {
                throw .invalidURL(Self.hidingCredentials(url))
            }
            database = value
        }
        self.database = try ClickHouseSQL.name(database)
    }

    /// The endpoint and database, for messages and logs.
    public var redacted: String { "\(endpoint)?database=\(database)" }

    /// `Basic …` for the user and password, if a user is given.
    var authorization: String? {
        guard let user else { return nil }
        return "Basic " + Data("\(user):\(password ?? "")".utf8).base64EncodedString()
    }

    static func hidingCredentials(_ url: String) -> String {
        url.replacingOccurrences(of: #"//[^@/]*@"#, with: "//…@", options: .regularExpression)
    }
}
