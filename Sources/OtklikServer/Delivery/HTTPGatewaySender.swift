import Foundation
import OtklikApplication
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends text messages through an HTTP gateway (``TextGatewaySettings``, SMS or messenger): a POST of the rendered JSON body with
/// bearer or basic auth; the response's code and, if configured, its status field say accepted, temporary or
/// permanent failure; the id field gives the provider's message id. Redirects are not followed. No error it throws
/// names the URL's credentials, the token or the recipient.
public struct HTTPGatewaySender: TextMessageSender {
    let settings: TextGatewaySettings
    let timeout: TimeInterval

    public init(settings: TextGatewaySettings, timeout: TimeInterval = 15) {
        self.settings = settings
        self.timeout = timeout
    }

    public func send(to recipient: String, text: String, id: String) async throws -> String? {
        var request = URLRequest(url: settings.url, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
        request.setValue("Otklik", forHTTPHeaderField: "User-Agent")
        request.setValue(id, forHTTPHeaderField: "Idempotency-Key")
        if let token = settings.token {
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        } else if let user = settings.username {
            request.setValue("Basic " + Data("\(user):\(settings.password ?? "")".utf8).base64EncodedString(), forHTTPHeaderField: "Authorization")
        }
        request.httpBody = Data(settings.body.render(to: recipient, text: text, id: id).utf8)
        let (data, status, failure) = await withCheckedContinuation { (continuation: CheckedContinuation<(Data?, Int?, String?), Never>) in
            WebhookDispatcher.session.dataTask(with: request) { data, response, error in
                if let error {
                    let code = (error as? URLError)?.code.rawValue ?? (error as NSError).code
                    continuation.resume(returning: (nil, nil, "network error \(code)"))
                } else {
                    continuation.resume(returning: (data, (response as? HTTPURLResponse)?.statusCode, nil))
                }
            }.resume()
        }
        guard let status else { throw DeliveryFailure.temporary("the \(settings.channel.gatewayName) cannot be reached (\(failure ?? "no response"))") }
        return try interpret(status: status, body: data ?? Data())
    }

    /// The response's meaning: the provider's id when accepted, a ``DeliveryFailure`` otherwise.
    func interpret(status: Int, body: Data) throws -> String? {
        let json = try? JSONSerialization.jsonObject(with: body)
        guard (200...299).contains(status) else {
            let text = "the \(settings.channel.gatewayName) answered HTTP \(status)"
            throw settings.temporaryCodes.contains { $0.contains(status) } ? DeliveryFailure.temporary(text) : DeliveryFailure.permanent(text)
        }
        if let field = settings.statusField {
            let value = Self.value(at: field, in: json).map { $0.lowercased() } ?? ""
            if settings.permanentValues.contains(value) {
                throw DeliveryFailure.permanent("the \(settings.channel.gatewayName) rejected the message (\(field) = \(value.prefix(40)))")
            }
            guard settings.acceptedValues.contains(value) else {
                throw DeliveryFailure.temporary("the \(settings.channel.gatewayName) did not accept the message (\(field) = \(value.isEmpty ? "missing" : String(value.prefix(40))))")
            }
        }
        return Self.value(at: settings.idField, in: json)
    }

    /// A string or number at a dotted path of a JSON object.
    static func value(at path: String, in json: Any?) -> String? {
        var current = json
        for key in path.split(separator: ".") { current = (current as? [String: Any])?[String(key)] }
        switch current {
        case let text as String: return text
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }
}
