import Configuration
import Foundation

/// The HTTP gateway SMS (and messenger) invitations go through. Keys (environment form in brackets):
/// `otklik.sms.gateway.url` (OTKLIK_SMS_GATEWAY_URL; `user:password@` in it means HTTP basic auth),
/// `otklik.sms.gateway.token` (OTKLIK_SMS_GATEWAY_TOKEN; `Authorization: Bearer`), `otklik.sms.gateway.body`
/// (OTKLIK_SMS_GATEWAY_BODY, a ``JSONBodyTemplate``), `otklik.sms.gateway.id.field` (OTKLIK_SMS_GATEWAY_ID_FIELD, the
/// response's field with the provider's message id, dotted for nested objects; default `id`),
/// `otklik.sms.gateway.status.field` (OTKLIK_SMS_GATEWAY_STATUS_FIELD, optional), `otklik.sms.gateway.accepted`
/// (OTKLIK_SMS_GATEWAY_ACCEPTED, the status values that mean accepted), `otklik.sms.gateway.permanent`
/// (OTKLIK_SMS_GATEWAY_PERMANENT, the values that mean a permanent failure; any other value is temporary),
/// `otklik.sms.gateway.temporary.codes` (OTKLIK_SMS_GATEWAY_TEMPORARY_CODES, the HTTP codes that mean try again;
/// default `408,425,429,500-599`; 2xx is accepted, any other code permanent).
public struct SMSGatewaySettings: Sendable, Equatable {
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

    public init(
        url: String, token: String? = nil, body: String = JSONBodyTemplate.standard, idField: String = "id", statusField: String? = nil,
        acceptedValues: [String] = ["accepted", "queued", "sent", "delivered", "ok", "success"], permanentValues: [String] = [],
        temporaryCodes: String = "408,425,429,500-599"
    ) throws {
        guard var components = URLComponents(string: url), ["http", "https"].contains(components.scheme?.lowercased() ?? ""),
              components.host?.isEmpty == false
        else {
            throw ConfigurationError(key: "otklik.sms.gateway.url", message: "must be an http(s) address such as https://sms.example.ru/send")
        }
        username = components.user?.removingPercentEncoding
        password = components.password?.removingPercentEncoding
        components.user = nil
        components.password = nil
        guard let plain = components.url else { throw ConfigurationError(key: "otklik.sms.gateway.url", message: "is not a URL") }
        self.url = plain
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
        self.body = try JSONBodyTemplate(body)
        self.idField = idField
        self.statusField = statusField.flatMap { $0.isEmpty ? nil : $0 }
        self.acceptedValues = acceptedValues.map { $0.lowercased() }
        self.permanentValues = permanentValues.map { $0.lowercased() }
        self.temporaryCodes = try Self.codes(temporaryCodes)
    }

    /// Reads the settings; nil when no gateway URL is configured.
    static func read(_ reader: ConfigReader) throws -> SMSGatewaySettings? {
        guard let url = reader.string(forKey: "otklik.sms.gateway.url"), !url.isEmpty else { return nil }
        func list(_ text: String?) -> [String]? {
            text.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        }
        let defaults = try SMSGatewaySettings(url: "http://localhost/")
        return try SMSGatewaySettings(
            url: url, token: reader.string(forKey: "otklik.sms.gateway.token"),
            body: reader.string(forKey: "otklik.sms.gateway.body") ?? JSONBodyTemplate.standard,
            idField: reader.string(forKey: "otklik.sms.gateway.id.field") ?? "id",
            statusField: reader.string(forKey: "otklik.sms.gateway.status.field"),
            acceptedValues: list(reader.string(forKey: "otklik.sms.gateway.accepted")) ?? defaults.acceptedValues,
            permanentValues: list(reader.string(forKey: "otklik.sms.gateway.permanent")) ?? [],
            temporaryCodes: reader.string(forKey: "otklik.sms.gateway.temporary.codes") ?? "408,425,429,500-599")
    }

    /// `408,429,500-599` as ranges.
    static func codes(_ text: String) throws -> [ClosedRange<Int>] {
        try text.split(separator: ",").map { part in
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard (1...2).contains(bounds.count), let low = bounds[0], let high = bounds.last ?? nil, 100 <= low, low <= high, high <= 599 else {
                throw ConfigurationError(key: "otklik.sms.gateway.temporary.codes", message: "must be HTTP codes and ranges such as 408,429,500-599")
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
