import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import OtklikCore
@testable import OtklikServer
import OtklikStore
import Testing

/// Login throttling through a real HTTP server: behind a trusted proxy an attacker guessing one account's password
/// locks only that account, and a valid user of another account behind the same proxy still signs in; without
/// trusted proxies a spoofed `X-Forwarded-For` is ignored (the limits count the peer), yet accounts with no failures
/// still sign in from that peer.
@Suite struct LoginThrottleTests {
    static func app(trusted: String) async throws -> TestApp {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-server-\(UUID().uuidString)")
        var configuration = AppConfiguration(databaseURL: "sqlite:\(directory.path)/test.sqlite", port: 0)
        configuration.trustedProxies = try TrustedProxies(list: trusted)
        // A small address budget (100 in production), so the test sends a few dozen requests, not hundreds, through a
        // real server on a loaded machine.
        configuration.loginFailuresPerAddress = 20
        configuration.loginFailuresRefillPerMinute = 0.01  // a loaded machine takes minutes over them: no refill meanwhile
        var logger = Logger(label: "otklik-test")
        logger.logLevel = .warning
        let app = try await OtklikApp.open(configuration, logger: logger, hasher: PasswordHasher(cost: 4))
        for name in ["manager", "analyst"] {
            try await app.database.access.createUser(username: name, passwordHash: try await app.hasher.hash(TestApp.password), role: .manager)
        }
        let (_, key) = try await app.database.access.createApiKey(name: "tests")
        return TestApp(app: app, apiKey: key, directory: directory)
    }

    static func login(_ client: any TestClientProtocol, _ user: String, _ password: String, from address: String?) async throws -> HTTPResponse.Status {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let address { headers[HTTPField.Name("X-Forwarded-For")!] = address }
        return try await client.execute(
            uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: "username=\(user)&password=\(password.replacingOccurrences(of: " ", with: "+"))")
        ) { $0.status }
    }

    @Test func anAttackerBehindTheProxyLocksOnlyTheAccountItGuesses() async throws {
        let test = try await Self.app(trusted: "127.0.0.1, ::1")
        do {
            try await test.app.buildApplication().test(.live) { client in
                var statuses: [HTTPResponse.Status] = []
                for index in 0..<30 { statuses.append(try await Self.login(client, "manager", "guess-\(index)", from: "203.0.113.7")) }
                #expect(statuses.prefix(10).allSatisfy { $0 == .unauthorized } && statuses.dropFirst(10).allSatisfy { $0 == .tooManyRequests },
                    "ten failures, then the account waits")
                #expect(try await Self.login(client, "analyst", TestApp.password, from: "203.0.113.8") == .seeOther, "another account behind the proxy signs in")
                #expect(try await Self.login(client, "manager", TestApp.password, from: "198.51.100.1") == .tooManyRequests,
                    "the guessed account waits whoever asks")
                // The attacker moves on to many accounts: its address is exhausted, other clients behind the proxy are not.
                for index in 0..<25 { _ = try await Self.login(client, "user\(index)", "guess", from: "203.0.113.7") }
                #expect(try await Self.login(client, "user0", "guess", from: "203.0.113.7") == .tooManyRequests)
                #expect(try await Self.login(client, "analyst", TestApp.password, from: "203.0.113.9, 10.0.0.5") == .seeOther)
            }
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }

    @Test func aSpoofedForwardedForFromAnUntrustedPeerIsIgnored() async throws {
        let test = try await Self.app(trusted: "")
        do {
            try await test.app.buildApplication().test(.live) { client in
                // Each request claims another address; the peer is what counts.
                for index in 0..<25 { _ = try await Self.login(client, "user\(index)", "guess", from: "198.51.100.\(index)") }
                #expect(try await Self.login(client, "user1", "guess", from: "192.0.2.200") == .tooManyRequests,
                    "the peer's budget is spent whatever X-Forwarded-For says")
                #expect(try await Self.login(client, "analyst", TestApp.password, from: "192.0.2.201") == .seeOther,
                    "an account with no failures still signs in from a busy address")
            }
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }

    static func answer(_ client: any TestClientProtocol, from address: String?) async throws -> HTTPResponse.Status {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let address { headers[HTTPField.Name("X-Forwarded-For")!] = address }
        return try await client.execute(uri: "/public/v1/feedback", method: .post, headers: headers, body: ByteBuffer(string: #"{"items": []}"#)) { $0.status }
    }

    /// The public form's limit (30 at once per client) counts the client behind a trusted proxy, as the login budget
    /// does: behind a balancer every customer is not one address (it counted the peer, the balancer, before issue 21
    /// item 2); from an untrusted peer a forged header changes nothing.
    @Test func thePublicFormCountsTheClientBehindATrustedProxy() async throws {
        for (trusted, expectOther) in [("127.0.0.1, ::1", true), ("", false)] {
            let test = try await Self.app(trusted: trusted)
            do {
                try await test.app.buildApplication().test(.live) { client in
                    // 30 at once, refilled at 30 a minute: on a loaded machine the requests take seconds and the bucket
                    // regains half a token a second meanwhile, so the first refusal may come a little after the 31st.
                    var statuses: [HTTPResponse.Status] = []
                    let started = ContinuousClock.now
                    while statuses.count < 60, statuses.last != .tooManyRequests {
                        statuses.append(try await Self.answer(client, from: "203.0.113.7"))
                    }
                    let seconds = Double((ContinuousClock.now - started).components.seconds) + 1
                    #expect(!statuses.prefix(30).contains(.tooManyRequests), "the first 30 pass: \(statuses)")
                    #expect(statuses.last == .tooManyRequests && statuses.count <= 31 + Int(seconds / 2), "then 429 (\(seconds) s): \(statuses.count)")
                    let other = try await Self.answer(client, from: "203.0.113.8")
                    #expect((other != .tooManyRequests) == expectOther, "trusted '\(trusted)': another forwarded client \(other)")
                }
                try await test.close()
            } catch {
                try? await test.close()
                throw error
            }
        }
    }
}

/// Which address is the client: the peer unless it is a trusted proxy; then the rightmost untrusted hop.
@Suite struct TrustedProxiesTests {
    @Test func theRightmostUntrustedHopIsTheClient() throws {
        let proxies = try TrustedProxies(list: "10.0.0.0/8, 127.0.0.1, ::1, 2001:db8::/32")
        #expect(proxies.client(peer: "192.0.2.1", forwardedFor: ["203.0.113.7"]) == "192.0.2.1", "an untrusted peer's header is ignored")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["203.0.113.7"]) == "203.0.113.7")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["1.2.3.4, 203.0.113.7, 10.1.2.3"]) == "203.0.113.7", "a client-written hop on the left is skipped")
        #expect(proxies.client(peer: "10.9.9.9", forwardedFor: ["1.2.3.4", "203.0.113.7"]) == "203.0.113.7", "several headers are one list")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: []) == "127.0.0.1")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["10.0.0.1"]) == "10.0.0.1", "only proxies: the leftmost")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["not-an-address"]) == "127.0.0.1")
        #expect(proxies.client(peer: "::1", forwardedFor: ["2001:db8::5, 2a00::1"]) == "2a00::1")
        #expect(proxies.contains("::ffff:10.1.1.1"), "an IPv4-mapped address counts as IPv4")
        #expect(!proxies.contains("11.0.0.1") && !proxies.contains("2001:db9::1"))
        #expect(TrustedProxies().client(peer: "127.0.0.1", forwardedFor: ["203.0.113.7"]) == "127.0.0.1", "none trusted by default")
        #expect(throws: TrustedProxies.InvalidProxy.self) { try TrustedProxies(list: "10.0.0.0/33") }
        #expect(throws: TrustedProxies.InvalidProxy.self) { try TrustedProxies(list: "proxy.example.ru") }
    }

    @Test func theConfigurationReadsProxiesAndRetention() throws {
        let configuration = try AppConfiguration(overrides: [:], environment: [
            "OTKLIK_TRUSTED_PROXIES": "127.0.0.1,10.0.0.0/8", "OTKLIK_RETENTION_COMMENTS_DAYS": "365", "OTKLIK_RETENTION_DELIVERIES_DAYS": "90",
        ])
        #expect(configuration.trustedProxies.contains("10.2.3.4") && !configuration.trustedProxies.contains("192.0.2.1"))
        #expect(configuration.retention == RetentionPolicy(commentsDays: 365, deliveriesDays: 90))
        #expect(try AppConfiguration(overrides: [:], environment: [:]).retention == RetentionPolicy(), "the default keeps everything")
        #expect(throws: ConfigurationError.self) { try AppConfiguration(overrides: [:], environment: ["OTKLIK_TRUSTED_PROXIES": "nonsense"]) }
        #expect(throws: ConfigurationError.self) { try AppConfiguration(overrides: [:], environment: ["OTKLIK_RETENTION_CONTACTS_DAYS": "0"]) }
    }
}
