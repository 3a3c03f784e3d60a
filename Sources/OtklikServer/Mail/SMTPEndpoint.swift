import Foundation

/// Where and how e-mail is sent, from `OTKLIK_SMTP_URL`:
/// - `smtps://[user:password@]host[:port]` — implicit TLS (port 465 by default);
/// - `smtp://[user:password@]host[:port]?starttls=required` — STARTTLS, refused if the server does not offer it;
/// - `smtp://…` or `?starttls=opportunistic` — STARTTLS when the server offers it, plain otherwise;
/// - `?starttls=off` — plain SMTP (a relay inside the organisation's network).
/// `ca_file=/path.pem` adds a CA certificate to the system's trusted ones (a server with a private CA or a self-signed
/// certificate); certificates are always verified, host name included. Credentials are sent only over TLS unless
/// `allow_insecure_auth=true`. The description never shows the password.
public struct SMTPEndpoint: Sendable, Equatable, CustomStringConvertible {
    public enum Security: String, Sendable {
        case plain, starttlsOpportunistic = "opportunistic", starttlsRequired = "required", implicitTLS = "implicit"
    }

    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var security: Security
    public var caFile: String?
    public var allowInsecureAuth: Bool

    /// A URL Otklik cannot use.
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// Parses the URL; `caFile` (OTKLIK_SMTP_CA_FILE) is used unless the URL names one.
    public init(url: String, caFile: String? = nil) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(), ["smtp", "smtps"].contains(scheme),
              let host = components.host, !host.isEmpty
        else {
            throw Invalid(description: "must be smtp://[user:password@]host[:port][?starttls=required] or smtps://[user:password@]host[:port]")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name.lowercased()] = item.value ?? "" }
        let known: Set<String> = ["starttls", "ca_file", "allow_insecure_auth"]
        if let unknown = query.keys.sorted().first(where: { !known.contains($0) }) {
            throw Invalid(description: "unknown parameter '\(unknown)' (known: starttls, ca_file, allow_insecure_auth)")
        }
        if scheme == "smtps" {
            guard query["starttls"] == nil else { throw Invalid(description: "smtps:// is TLS from the start: starttls does not apply") }
            security = .implicitTLS
        } else {
            switch query["starttls"]?.lowercased() ?? "opportunistic" {
            case "required": security = .starttlsRequired
            case "opportunistic": security = .starttlsOpportunistic
            case "off": security = .plain
            case let other: throw Invalid(description: "starttls must be required, opportunistic or off, got '\(other)'")
            }
        }
        switch query["allow_insecure_auth"]?.lowercased() {
        case nil, "false": allowInsecureAuth = false
        case "true": allowInsecureAuth = true
        case let other: throw Invalid(description: "allow_insecure_auth must be true or false, got '\(other ?? "")'")
        }
        self.host = host
        port = components.port ?? (scheme == "smtps" ? 465 : 25)
        username = components.user?.removingPercentEncoding
        password = components.password?.removingPercentEncoding
        let file = query["ca_file"].flatMap { $0.isEmpty ? nil : $0 } ?? caFile.flatMap { $0.isEmpty ? nil : $0 }
        if let file, !FileManager.default.isReadableFile(atPath: file) {
            throw Invalid(description: "the CA file '\(file)' cannot be read")
        }
        self.caFile = file
    }

    /// Whether TLS is ever used (and a TLS context is needed).
    var usesTLS: Bool { security != .plain }

    public var description: String {
        let scheme = security == .implicitTLS ? "smtps" : "smtp"
        let user = username.map { "\($0):***@" } ?? ""
        return "\(scheme)://\(user)\(host):\(port) (\(security.rawValue) TLS)"
    }
}
