import Crypto
import Foundation
import Hummingbird
import Logging
import NIOCore
import OtklikCore
import OtklikStore
import Testing
@testable import OtklikServer

/// Webhooks: a case event reaches a real receiver over HTTP, signed; a failing receiver gets retries on a
/// controllable clock with the same id; a restart between the event and its delivery loses nothing.
@Suite struct WebhookTests {
    /// What the receiver saw.
    actor Inbox {
        var requests: [(id: String, timestamp: String, signature: String, body: String)] = []
        var failuresLeft: Int

        init(failures: Int) { failuresLeft = failures }

        func take(id: String, timestamp: String, signature: String, body: String) -> HTTPResponse.Status {
            requests.append((id, timestamp, signature, body))
            if failuresLeft > 0 {
                failuresLeft -= 1
                return .internalServerError
            }
            return .noContent
        }
    }

    /// A real HTTP receiver on a free loopback port, for the duration of `body`.
    /// The tests' receiver listens on loopback, which only an administrator's allow-list opens (issue 15 item 19).
    static let receiverPolicy = WebhookTargetPolicy(allowedHosts: ["127.0.0.1"])

    static func withReceiver(failures: Int, _ body: @Sendable (_ url: String, _ inbox: Inbox) async throws -> Void) async throws {
        let inbox = Inbox(failures: failures)
        let router = Router()
        router.post("hook") { request, _ -> Response in
            let text = String(buffer: try await request.body.collect(upTo: 1 << 20))
            func header(_ name: String) -> String { request.headers.first { $0.name.canonicalName == name }?.value ?? "" }
            let status = await inbox.take(
                id: header("webhook-id"), timestamp: header("webhook-timestamp"), signature: header("webhook-signature"), body: text)
            return Response(status: status)
        }
        let port = PortBox()
        var logger = Logger(label: "receiver")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in await port.set(channel.localAddress?.port ?? 0) }, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var bound = 0
            for _ in 0..<100 where bound == 0 {
                try await Task.sleep(for: .milliseconds(50))
                bound = await port.value
            }
            try await body("http://127.0.0.1:\(bound)/hook", inbox)
            group.cancelAll()
        }
    }

    actor PortBox {
        var value = 0
        func set(_ port: Int) { value = port }
    }

    static func complaint(_ id: String) -> Feedback {
        Feedback(
            id: id, ts: Date().addingTimeInterval(-5), channel: .qrWeb, kind: .complaint, location: "L01", csat: 1, comment: "плохо",
            contact: "+7 900")
    }

    @Test func signedDeliveryWithRetriesAndTheSameId() async throws {
        try await Self.withReceiver(failures: 1) { url, inbox in
            let test = try await TestApp.make()
            do {
                let (_, secret) = try await test.app.database.webhooks.create(url: url, eventTypes: ["case.opened"])
                _ = try await test.app.ingest.ingest([Self.complaint("w1")])
                let dispatcher = WebhookDispatcher(repository: test.app.database.webhooks, backoffSeconds: 30, policy: Self.receiverPolicy, logger: Logger(label: "t"))
                let now = Date()
                #expect(try await dispatcher.deliverDue(now: now) == 0, "the receiver fails the first time")
                #expect(try await dispatcher.deliverDue(now: now.addingTimeInterval(10)) == 0, "not due before the back-off")
                // The retry is planned 30 s after the failed attempt's own time (the wall clock, which a loaded machine
                // moves on during the attempt), so it is due 31 s after now, read after the attempts.
                let afterAttempts = Date()
                #expect(try await dispatcher.deliverDue(now: afterAttempts.addingTimeInterval(31)) == 1)
                #expect(try await dispatcher.deliverDue(now: afterAttempts.addingTimeInterval(3600)) == 0, "delivered once")
                let seen = await inbox.requests
                #expect(seen.count == 2)
                #expect(seen[0].id == seen[1].id && seen[0].id.hasPrefix("msg_"), "a retry keeps the id, so the receiver can deduplicate")
                for request in seen {
                    let key = SymmetricKey(data: Data(base64Encoded: String(secret.dropFirst("whsec_".count)))!)
                    let mac = HMAC<SHA256>.authenticationCode(for: Data("\(request.id).\(request.timestamp).\(request.body)".utf8), using: key)
                    #expect(request.signature == "v1," + Data(mac).base64EncodedString())
                }
                let payload = try JSONSerialization.jsonObject(with: Data(seen[0].body.utf8)) as? [String: Any]
                #expect(payload?["type"] as? String == "case.opened")
                #expect((payload?["data"] as? [String: Any])?["feedback_id"] as? String == "w1")
                let log = try await test.app.database.webhooks.deliveries(webhookId: nil, limit: 10)
                #expect(log.first?.status == "delivered" && log.first?.attempts == 2)
                try await test.close()
            } catch {
                try? await test.close()
                throw error
            }
        }
    }

    @Test func pendingDeliveriesSurviveARestart() async throws {
        let test = try await TestApp.make()
        let path = test.directory.appendingPathComponent("test.sqlite").path
        do {
            try await Self.withReceiver(failures: 0) { url, inbox in
                _ = try await test.app.database.webhooks.create(url: url, eventTypes: [])
                _ = try await test.app.ingest.ingest([Self.complaint("w2")])
                try await test.app.feedbackWebhooks.catchUp()  // queued from the change feed
                // Through the server's case writes: the test app waits for the consumers that queue its webhook.
                _ = try await test.app.cases.apply(
                    .comment("проверили"), to: "case-w2", actor: "anna", now: Date(), schedule: try await test.app.caseSchedule.current())
                try await test.app.database.close()  // the server stops before anything is sent
                var logger = Logger(label: "t")
                logger.logLevel = .warning
                let reopened = try await OtklikApp.open(AppConfiguration(databaseURL: "sqlite:\(path)"), logger: logger)
                let dispatcher = WebhookDispatcher(repository: reopened.database.webhooks, backoffSeconds: 1, policy: Self.receiverPolicy, logger: logger)
                #expect(try await dispatcher.deliverDue(now: Date()) == 3)
                #expect(await inbox.requests.count == 3)
                let types = await inbox.requests.compactMap { request in
                    (try? JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])?["type"] as? String
                }
                #expect(types.sorted() == ["case.opened", "case.updated", "feedback.received"])
                try await reopened.database.close()
            }
            try? FileManager.default.removeItem(at: test.directory)
        } catch {
            try? await test.close()
            throw error
        }
    }

    /// Each new record of a write is one `feedback.received` event (the contact left out); a retried write adds none.
    @Test func feedbackEventsOncePerNewRecord() async throws {
        try await Self.withReceiver(failures: 0) { url, inbox in
            let test = try await TestApp.make()
            do {
                _ = try await test.app.database.webhooks.create(url: url, eventTypes: ["feedback.received"])
                let batch = [Self.complaint("f1"), Self.complaint("f2"), Self.complaint("f3")]
                _ = try await test.app.ingest.ingest(batch)
                _ = try await test.app.ingest.ingest(batch)  // the client retries: all duplicates
                try await test.app.feedbackWebhooks.catchUp()  // queued from the change feed
                let dispatcher = WebhookDispatcher(repository: test.app.database.webhooks, backoffSeconds: 1, policy: Self.receiverPolicy, logger: Logger(label: "t"))
                #expect(try await dispatcher.deliverDue(now: Date()) == 3)
                let events = await inbox.requests.compactMap { request in
                    try? JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any]
                }
                #expect(events.map { $0["type"] as? String } == Array(repeating: "feedback.received", count: 3))
                let data = events.compactMap { $0["data"] as? [String: Any] }
                #expect(Set(data.compactMap { $0["id"] as? String }) == ["f1", "f2", "f3"])
                #expect(data.allSatisfy { $0["contact"] == nil && $0["has_contact"] as? Bool == true && $0["csat"] as? Int == 1 })
                #expect(Set(await inbox.requests.map(\.id)).count == 3, "one message id per record")
                try await test.close()
            } catch {
                try? await test.close()
                throw error
            }
        }
    }

    @Test func badSubscriptionsAreRefused() async throws {
        let test = try await TestApp.make()
        await #expect(throws: OtklikError.self) { _ = try await test.app.database.webhooks.create(url: "ftp://x", eventTypes: []) }
        await #expect(throws: OtklikError.self) { _ = try await test.app.database.webhooks.create(url: "http://x/hook", eventTypes: ["case.deleted"]) }
        try await test.close()
    }

    /// Issue 15 item 19: webhooks to loopback, link-local and private addresses are refused unless allowed.
    @Test func privateTargetsAreRefusedUnlessAllowed() async throws {
        let strict = WebhookTargetPolicy()
        for url in [
            "http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/", "http://172.16.0.1/", "http://192.168.1.1/",
            "http://169.254.169.254/latest/meta-data", "http://[::1]/", "http://[fe80::1]/", "http://[fd00::1]/", "http://[::ffff:127.0.0.1]/",
            "http://0.0.0.0/", "http://100.64.0.1/",
        ] {
            #expect(throws: OtklikError.self, "\(url)") { try strict.check(url: url) }
        }
        try strict.check(url: "https://hooks.example.com/otklik")
        try strict.check(url: "http://93.184.215.14/")
        // A name that resolves to loopback is refused at delivery time.
        #expect(await strict.refusal(url: "http://localhost.:9/hook") != nil)
        #expect(await strict.refusal(url: "http://127.0.0.1:9/hook") != nil)
        #expect(await Self.receiverPolicy.refusal(url: "http://127.0.0.1:9/hook") == nil)

        try await TestApp.withRouter { test, client in
            try await client.execute(
                uri: "/api/v1/webhooks", method: .post, headers: test.auth, body: jsonBody(["url": "http://127.0.0.1:9/hook", "events": ["case.opened"]])
            ) {
                #expect($0.status == .unprocessableContent)
                #expect($0.errorField == "url")
            }
        }
        // A webhook stored before (or to a name that resolves there now) is not called: the attempt is logged as refused.
        try await Self.withReceiver(failures: 0) { url, inbox in
            let test = try await TestApp.make()
            do {
                _ = try await test.app.database.webhooks.create(url: url, eventTypes: [])
                _ = try await test.app.ingest.ingest([Self.complaint("ssrf-1")])
                let dispatcher = WebhookDispatcher(repository: test.app.database.webhooks, backoffSeconds: 30, policy: strict, logger: Logger(label: "t"))
                #expect(try await dispatcher.deliverDue(now: Date()) == 0)
                #expect(await inbox.requests.isEmpty)
                try await test.close()
            } catch {
                try? await test.close()
                throw error
            }
        }
    }
}
