import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOPosix
import OtklikCore
import OtklikStore
import Testing
@testable import OtklikServer

/// Notifications: a complaint notifies the location's manager in the app (API and page, with the unread count in
/// the navigation) and by e-mail from a durable outbox that survives a restart and is retried; the SMTP sender
/// speaks to a real (fake) SMTP server.
@Suite struct NotificationTests {
    static func complaint(_ id: String) -> Feedback {
        Feedback(
            id: id, ts: Date().addingTimeInterval(-5), channel: .qrWeb, kind: .complaint, location: "L01", csat: 1, comment: "плохо",
            contact: "+7 900")
    }

    static func addManager(_ test: TestApp) async throws {
        try await test.app.database.reference.save(Staff(code: "M01", name: "Мария", location: "L01", role: "manager", email: "maria@bank.example"))
    }

    /// Records what it was asked to send; fails the first `failures` times.
    actor RecordingSender: MailSender {
        var sent: [MailMessage] = []
        var failuresLeft: Int
        init(failures: Int = 0) { failuresLeft = failures }

        func send(_ message: MailMessage) async throws {
            if failuresLeft > 0 {
                failuresLeft -= 1
                throw SMTPMailSender.SMTPError(description: "421 try later")
            }
            sent.append(message)
        }
    }

    @Test func apiAndPageShowTheManagersNotifications() async throws {
        try await TestApp.withRouter { test, client in
            try await Self.addManager(test)
            try await test.app.database.access.setStaff(username: "manager", staff: "M01")
            _ = try await test.app.ingest.ingest([Self.complaint("n1")])
            var id = ""
            try await client.execute(uri: "/api/v1/notifications?recipient=M01", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.count == 1 && items.first?["kind"] as? String == "case.opened" && items.first?["case_id"] as? String == "case-n1")
                #expect(response.json["unread"] as? Int == 1)
                id = items.first?["id"] as? String ?? ""
            }
            try await client.execute(uri: "/api/v1/notifications?recipient=bad%20code", method: .get, headers: test.auth) {
                #expect($0.status == .unprocessableContent && $0.errorField == "recipient")
            }
            try await client.execute(uri: "/api/v1/notifications/read", method: .post, headers: test.auth, body: jsonBody(["ids": [id, "ntf_nope"]])) {
                #expect($0.status == .notFound && $0.errorField == "ids[1]")
            }
            let cookie = try #require(try await DashboardTests.login(client))
            try await client.execute(uri: "/cases?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("id=\"nav-notifications\""))
                #expect(response.text.contains("<span class=\"badge\">1<span class=\"visually-hidden\"> unread</span></span>"), "the unread count in the navigation")
            }
            try await client.execute(uri: "/notifications?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("New case: case-n1") && response.text.contains("href=\"/cases/case-n1\""))
            }
            let form: HTTPFields = DashboardTests.form(cookie)
            try await client.execute(uri: "/notifications", method: .post, headers: form, body: ByteBuffer(string: "id=\(id)")) {
                #expect($0.status == .seeOther)
            }
            try await client.execute(uri: "/api/v1/notifications/read", method: .post, headers: test.auth, body: jsonBody(["ids": [id]])) {
                #expect($0.status == .ok && $0.json["unread"] as? Int == 0, "marking again is harmless")
            }
            try await client.execute(uri: "/notifications?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(!response.text.contains("class=\"badge\""))
            }
            _ = try await test.app.ingest.ingest([Self.complaint("n2")])
            try await client.execute(uri: "/api/v1/notifications/read", method: .post, headers: test.auth, body: jsonBody(["recipient": "M01", "all": true])) {
                #expect($0.json["read"] as? Int == 1 && $0.json["unread"] as? Int == 0)
            }
        }
    }

    @Test func pendingEmailsSurviveARestartAndAreRetried() async throws {
        let test = try await TestApp.make()
        let path = test.directory.appendingPathComponent("test.sqlite").path
        do {
            try await Self.addManager(test)
            _ = try await test.app.ingest.ingest([Self.complaint("m1")])
            try await test.app.database.close()  // the server stops before the e-mail is sent
            var logger = Logger(label: "t")
            logger.logLevel = .warning
            let reopened = try await OtklikApp.open(AppConfiguration(databaseURL: "sqlite:\(path)", mailFrom: "otklik@bank.example"), logger: logger)
            let sender = RecordingSender(failures: 1)
            let dispatcher = try await reopened.mailDispatcher(sender: sender)
            let now = Date()
            #expect(try await dispatcher.sendDue(now: now) == 0, "the server refuses the first time")
            #expect(try await dispatcher.sendDue(now: now.addingTimeInterval(5)) == 0, "not due before the back-off")
            #expect(try await dispatcher.sendDue(now: now.addingTimeInterval(11)) == 1)
            #expect(try await dispatcher.sendDue(now: now.addingTimeInterval(3600)) == 0, "sent once")
            let sent = await sender.sent
            #expect(sent.count == 1 && sent.first?.to == "maria@bank.example" && sent.first?.from == "otklik@bank.example")
            #expect(sent.first?.subject == "[Otklik] Новое обращение: case-m1" && sent.first?.body.contains("/cases/case-m1") == true)
            try await reopened.database.close()
            try? FileManager.default.removeItem(at: test.directory)
        } catch {
            try? await test.close()
            throw error
        }
    }

    /// A fake SMTP server on a free port: answers every command as a real one would and keeps the DATA.
    actor SMTPInbox {
        var commands: [String] = []
        var data = ""
        func command(_ line: String) { commands.append(line) }
        func message(_ text: String) { data = text }
    }

    @Test func smtpSenderTalksSMTP() async throws {
        let inbox = SMTPInbox()
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        let port = try #require(server.channel.localAddress?.port)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await server.executeThenClose { connections in
                    for try await connection in connections {
                        try await connection.executeThenClose { inbound, outbound in
                            try await outbound.write(ByteBuffer(string: "220 fake ESMTP\r\n"))
                            var pending = ""
                            var inData = false
                            var data = ""
                            for try await chunk in inbound {
                                pending += String(buffer: chunk)
                                while let range = pending.range(of: "\r\n") {
                                    let line = String(pending[..<range.lowerBound])
                                    pending.removeSubrange(..<range.upperBound)
                                    if inData {
                                        if line == "." {
                                            inData = false
                                            await inbox.message(data)
                                            try await outbound.write(ByteBuffer(string: "250 queued\r\n"))
                                        } else {
                                            data += line + "\n"
                                        }
                                        continue
                                    }
                                    await inbox.command(line)
                                    let reply = line.hasPrefix("EHLO") ? "250-fake\r\n250 AUTH PLAIN\r\n"
                                        : line.hasPrefix("AUTH") ? "235 ok\r\n" : line == "DATA" ? "354 go on\r\n" : line == "QUIT" ? "221 bye\r\n" : "250 ok\r\n"
                                    if line == "DATA" { inData = true }
                                    try await outbound.write(ByteBuffer(string: reply))
                                }
                            }
                        }
                        return
                    }
                }
            }
            let sender = try #require(SMTPMailSender(url: "smtp://otklik:s%40cret@127.0.0.1:\(port)?allow_insecure_auth=true", logger: Logger(label: "t")))
            try await sender.send(MailMessage(id: "ntf_1", from: "otklik@bank.example", to: "maria@bank.example", subject: "Новое обращение", body: "Строка\n.точка в начале"))
            try await group.waitForAll()
        }
        let commands = await inbox.commands
        #expect(commands.first == "EHLO otklik.localhost")
        #expect(commands.contains("AUTH PLAIN " + Data("\u{0}otklik\u{0}s@cret".utf8).base64EncodedString()))
        #expect(commands.contains("MAIL FROM:<otklik@bank.example>") && commands.contains("RCPT TO:<maria@bank.example>") && commands.last == "QUIT")
        let data = await inbox.data
        #expect(data.contains("Subject: =?UTF-8?B?" + Data("Новое обращение".utf8).base64EncodedString() + "?="))
        #expect(data.contains("Message-ID: <ntf_1@otklik>") && data.contains("\n..точка в начале\n"), "a leading dot is doubled")
    }
}
