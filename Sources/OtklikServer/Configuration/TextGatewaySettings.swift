import Configuration
import Foundation

/// An HTTP gateway short text messages go through: one for SMS, one for a messenger, each under its own key prefix
/// `otklik.CHANNEL.gateway` (CHANNEL `sms` or `messenger`; the environment form OTKLIK_SMS_GATEWAY_… or
/// OTKLIK_MESSENGER_GATEWAY_…). Keys below the prefix: `.url` (`user:password@` in it means HTTP basic auth), `.token`
/// (`Authorization: Bearer`), `.body` (a ``JSONBodyTemplate``), `.id.field` (the response's field with the provider's
/// message id, dotted for nested objects; default `id`), `.status.field` (optional), `.accepted` (the status values that
/// mean accepted), `.permanent` (the values that mean a permanent failure; any other value is temporary),
/// `.temporary.codes` (the HTTP codes that mean try again; default `408,425,429,500-599`; 2xx is accepted, any other
/// code permanent). Every error names the full key.
public struct TextGatewaySettings: Sendable, Equatable {
    /// The channel a gateway serves; its raw value is the key prefix's middle part and the delivery channel's name.
    public enum Channel: String, Sendable, CaseIterable {
        case sms
        case messenger

        /// `otklik.sms.gateway` or `otklik.messenger.gateway`.
        public var keyPrefix: String { "otklik.\(rawValue).gateway" }
        /// The environment variable of the URL (`OTKLIK_SMS_GATEWAY_URL`, `OTKLIK_MESSENGER_GATEWAY_URL`).
        public var urlVariable: String { "OTKLIK_\(rawValue.uppercased())_GATEWAY_URL" }
        /// The environment variable of the token.
        public var tokenVariable: String { "OTKLIK_\(rawValue.uppercased())_GATEWAY_TOKEN" }
        /// How a delivery error names the gateway: `SMS gateway`, `messenger gateway`.
        public var gatewayName: String { self == .sms ? "SMS gateway" : "messenger gateway" }
    }

    public var channel: Channel
    public var url: URL
    public var username: String?
    public var password: String?
    public var token: String?
    public var body: JSONBodyTemplate
    public var idField: String
    public var statusField: String?
    public var acceptedValues: [String]
    public var permanentValues: [String]
    public var temporaryCodes: [ClosedRange<Int>]

    public static let defaultAccepted = ["accepted", "queued", "sent", "delivered", "ok", "success"]
    public static let defaultTemporaryCodes = "408,425,429,500-599"

    public init(
        channel: Channel = .sms, url: String, token: String? = nil, body: String = JSONBodyTemplate.standard, idField: String = "id",
        statusField: String? = nil, acceptedValues: [String] = Self.defaultAccepted, permanentValues: [String] = [],
        temporaryCodes: String = Self.defaultTemporaryCodes
    ) throws {
        self.channel = channel
        let prefix = channel.keyPrefix
        guard var components = URLComponents(string: url), ["http", "https"].contains(components.scheme?.lowercased() ?? ""),
              components.host?.isEmpty == false
        else {
            throw ConfigurationError(key: "\(prefix).url", message: "must be an http(s) address such as https://\(channel.rawValue).example.ru/send")
        }
        username = components.user?.removingPercentEncoding
        password = components.password?.removingPercentEncoding
        components.user = nil
        components.password = nil
        guard let plain = components.url else { throw ConfigurationError(key: "\(prefix).url", message: "is not a URL") }
        self.url = plain
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
        self.body = try JSONBodyTemplate(body, key: "\(prefix).body")
        self.idField = idField
        self.statusField = statusField.flatMap { $0.isEmpty ? nil : $0 }
        guard !acceptedValues.isEmpty || self.statusField == nil else {
            throw ConfigurationError(key: "\(prefix).accepted", message: "must list at least one status value such as accepted,queued")
        }
        self.acceptedValues = acceptedValues.map { $0.lowercased() }
        self.permanentValues = permanentValues.map { $0.lowercased() }
        self.temporaryCodes = try Self.codes(temporaryCodes, key: "\(prefix).temporary.codes")
    }

    /// Reads one channel's settings; nil when no gateway URL is configured for it.
    static func read(_ reader: ConfigReader, channel: Channel) throws -> TextGatewaySettings? {
        let prefix = channel.keyPrefix
        guard let url = reader.string(forKey: ConfigKey("\(prefix).url")), !url.isEmpty else { return nil }
        func list(_ text: String?) -> [String]? {
            text.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        }
        return try TextGatewaySettings(
            channel: channel, url: url, token: reader.string(forKey: ConfigKey("\(prefix).token")),
            body: reader.string(forKey: ConfigKey("\(prefix).body")) ?? JSONBodyTemplate.standard,
            idField: reader.string(forKey: ConfigKey("\(prefix).id.field")).flatMap { $0.isEmpty ? nil : $0 } ?? "id",
            statusField: reader.string(forKey: ConfigKey("\(prefix).status.field")),
            acceptedValues: list(reader.string(forKey: ConfigKey("\(prefix).accepted"))) ?? Self.defaultAccepted,
            permanentValues: list(reader.string(forKey: ConfigKey("\(prefix).permanent"))) ?? [],
            temporaryCodes: reader.string(forKey: ConfigKey("\(prefix).temporary.codes")) ?? Self.defaultTemporaryCodes)
    }

    /// `408,429,500-599` as ranges; an error names `key`.
    static func codes(_ text: String, key: String = "otklik.sms.gateway.temporary.codes") throws -> [ClosedRange<Int>] {
        try text.split(separator: ",").map { part in
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard (1...2).contains(bounds.count), let low = bounds[0], let high = bounds.last ?? nil, 100 <= low, low <= high, high <= 599 else {
                throw ConfigurationError(key: key, message: "must be HTTP codes and ranges such as 408,429,500-599")
            }
            return low...high
        }
    }

    /// The secrets a log must never show: the basic-auth password (and its header value) and the token.
    var secrets: [String] {
        var secrets = [token, password].compactMap { $0 }
        if let username, let password { secrets.append(Data("\(username):\(password)".utf8).base64EncodedString()) }
        return secrets
    }
}
