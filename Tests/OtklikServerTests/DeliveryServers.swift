import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The local delivery servers of `Tests/delivery/servers.py` (aiosmtpd with STARTTLS, with implicit TLS and without
/// TLS; a fake SMS gateway, which is the messenger gateway at another path): the ones scripts/test started (`OTKLIK_TEST_DELIVERY` names their JSON file), or started
/// here once for this test process (they stop when it ends). Nil when Python's aiosmtpd is missing outside CI.
struct DeliveryServers: Decodable, Sendable {
    var starttlsPort: Int
    var implicitPort: Int
    var plainPort: Int
    var wrongNamePort: Int
    var caFile: String
    var user: String
    var password: String
    var token: String
    var gatewayURL: String
    var messengerURL: String
    var controlURL: String

    enum CodingKeys: String, CodingKey {
        case starttlsPort = "starttls_port", implicitPort = "implicit_port", plainPort = "plain_port", wrongNamePort = "wrong_name_port", caFile = "ca_file", user, password, token
        case gatewayURL = "gateway_url", messengerURL = "messenger_url", controlURL = "control_url"
    }

    static let shared: DeliveryServers? = start()

    static var unavailableNote: String {
        "the delivery servers need python3 with aiosmtpd and cryptography (scripts/test installs them)"
    }

    private static func start() -> DeliveryServers? {
        let environment = ProcessInfo.processInfo.environment
        var path = environment["OTKLIK_TEST_DELIVERY"]
        if path == nil {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-delivery-\(UUID().uuidString).json").path
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", root.appendingPathComponent("Tests/delivery/servers.py").path, file]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            do { try process.run() } catch { return nil }
            for _ in 0..<200 where !FileManager.default.fileExists(atPath: file) && process.isRunning { Thread.sleep(forTimeInterval: 0.1) }
            path = file
        }
        guard let path, let data = FileManager.default.contents(atPath: path) else {
            FileHandle.standardError.write(Data("note: \(unavailableNote); delivery tests skipped\n".utf8))
            return nil
        }
        return try? JSONDecoder().decode(DeliveryServers.self, from: data)
    }

    /// The servers, or a failure in CI (where they must run); nil (the test returns) elsewhere when they cannot start.
    static func required() throws -> DeliveryServers? {
        if let shared { return shared }
        if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("\(unavailableNote)") }
        return nil
    }

    /// A mail the SMTP servers accepted.
    struct Mail: Decodable, Sendable {
        var server: String
        var from: String
        var to: [String]
        var subject: String
        var body: String
        /// The `text/html` alternative, if the mail has one.
        var html: String?
        var attachments: [Attachment]?
        /// The longest line of the mail as sent (without its CRLF).
        var longestLine: Int?

        struct Attachment: Decodable, Sendable {
            var filename: String?
            var contentType: String
            /// Base64 of the decoded bytes.
            var data: String

            enum CodingKeys: String, CodingKey { case filename, contentType = "content_type", data }
        }

        enum CodingKeys: String, CodingKey { case server, from, to, subject, body, html, attachments, longestLine = "longest_line" }
    }

    /// A request the gateway received.
    struct GatewayRequest: Decodable, Sendable {
        /// `/send` (the SMS gateway) or `/messenger`.
        var path: String
        var authorization: String?
        var body: [String: String]
    }

    func mail(to recipient: String) async throws -> [Mail] {
        try JSONDecoder().decode([Mail].self, from: try await get("/_mail")).filter { $0.to.contains(recipient) }
    }

    func requests(to recipient: String) async throws -> [GatewayRequest] {
        try JSONDecoder().decode([GatewayRequest].self, from: try await get("/_requests")).filter { $0.body["to"] == recipient }
    }

    /// The gateway answers `status` to the next `times` requests to `recipient` (-1: always).
    func failGateway(for recipient: String, times: Int, status: Int = 503) async throws {
        var request = URLRequest(url: URL(string: controlURL + "/_control")!)
        request.httpMethod = "POST"
        request.httpBody = try JSONSerialization.data(withJSONObject: ["to": recipient, "fail": times, "status": status])
        _ = try await Self.load(request)
    }

    private func get(_ path: String) async throws -> Data {
        try await Self.load(URLRequest(url: URL(string: controlURL + path)!))
    }

    static func load(_ request: URLRequest) async throws -> Data {
        try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, _, error in
                if let error { continuation.resume(throwing: error) } else { continuation.resume(returning: data ?? Data()) }
            }.resume()
        }
    }
}
