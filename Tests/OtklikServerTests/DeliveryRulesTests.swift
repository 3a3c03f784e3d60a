import Foundation
import Logging
import OtklikApplication
import OtklikStore
@testable import OtklikServer
import Testing

/// The pure parts of delivery: the retry policy, the SMTP address's forms, the gateway's JSON body and response
/// mapping, and the configuration keys.
@Suite struct DeliveryRulesTests {
    @Test func temporaryFailuresAreRetriedWithBackOffPermanentOnesAreFinal() {
        let policy = DeliveryPolicy(maxAttempts: 4, baseSeconds: 30, capSeconds: 100)
        #expect(policy.decision(after: .temporary("421"), attempt: 1) == .retry(after: 30))
        #expect(policy.decision(after: .temporary("421"), attempt: 2) == .retry(after: 60))
        #expect(policy.decision(after: .temporary("421"), attempt: 3) == .retry(after: 100), "capped")
        #expect(policy.decision(after: .temporary("421"), attempt: 4) == .giveUp)
        #expect(policy.decision(after: .permanent("550"), attempt: 1) == .giveUp)
        #expect(DeliveryFailure.from(CancellationError()).kind == .temporary)
    }

    /// One step settles a failed attempt for every outbox: a retry marks the row with the back-off and the policy's
    /// limit and records `retrying`; the last attempt or a permanent failure marks it final (limit = this attempt, no
    /// wait) and records `failed`; an unforeseen error is a temporary failure.
    @Test func aFailedAttemptIsSettledByThePolicy() async throws {
        let policy = DeliveryPolicy(maxAttempts: 3, baseSeconds: 30, capSeconds: 100)
        let logger = Logger(label: "test")
        var marks: [String] = []
        var outcomes: [DeliveryAttempt.Outcome] = []
        for (error, attempt) in [(DeliveryFailure.temporary("421 busy") as any Error, 2), (CancellationError(), 3), (DeliveryFailure.permanent("550 no such user"), 1)] {
            try await policy.settle(
                error, attempt: attempt, logger: logger, "failed",
                markFailed: { failure, wait, maxAttempts in marks.append("\(failure.kind.rawValue) \(Int(wait)) \(maxAttempts)") },
                record: { outcomes.append($0) })
        }
        #expect(marks == ["temporary 60 3", "temporary 0 3", "permanent 0 1"])
        #expect(outcomes == [
            .retrying(error: "temporary failure: 421 busy"), .failed(error: "temporary failure: CancellationError()"),
            .failed(error: "permanent failure: 550 no such user"),
        ])
    }

    @Test func smtpAddresses() throws {
        let implicit = try SMTPEndpoint(url: "smtps://mailer:p%40ss@mail.example.ru")
        #expect(implicit.security == .implicitTLS && implicit.port == 465 && implicit.password == "p@ss" && !implicit.allowInsecureAuth)
        #expect(implicit.description == "smtps://mailer:***@mail.example.ru:465 (implicit TLS)")
        let required = try SMTPEndpoint(url: "smtp://mail.example.ru:587?starttls=required")
        #expect(required.security == .starttlsRequired && required.port == 587)
        #expect(try SMTPEndpoint(url: "smtp://relay").security == .starttlsOpportunistic)
        #expect(try SMTPEndpoint(url: "smtp://relay?starttls=off&allow_insecure_auth=true").allowInsecureAuth)
        for bad in ["http://x", "smtp://", "smtp://x?starttls=maybe", "smtps://x?starttls=required", "smtp://x?tls=1", "smtp://x?ca_file=/nonexistent.pem"] {
            #expect(throws: SMTPEndpoint.Invalid.self, "\(bad)") { try SMTPEndpoint(url: bad) }
        }
    }

    @Test func theGatewayBodyIsJSONEscaped() throws {
        let template = try JSONBodyTemplate(#"{"phone": "{{to}}", "message": "{{text}}", "ref": "{{id}}"}"#)
        let body = template.render(to: "+79001234567", text: "Скажите \"да\"\\нет\nссылка:\u{1} https://x/s/a", id: "msg-1")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String])
        #expect(json == ["phone": "+79001234567", "message": "Скажите \"да\"\\нет\nссылка:\u{1} https://x/s/a", "ref": "msg-1"])
        #expect(throws: ConfigurationError.self) { try JSONBodyTemplate(#"{"to": {{to}}"#) }
    }

    @Test func theGatewaysAnswerIsMapped() throws {
        let settings = try TextGatewaySettings(
            url: "https://user:pw@sms.example.ru/send", idField: "result.id", statusField: "result.state", acceptedValues: ["queued"],
            permanentValues: ["invalid_number"], temporaryCodes: "429,500-599")
        #expect(settings.url.absoluteString == "https://sms.example.ru/send" && settings.username == "user" && settings.password == "pw")
        let sender = HTTPGatewaySender(settings: settings)
        let accepted = Data(#"{"result": {"id": 42, "state": "QUEUED"}}"#.utf8)
        #expect(try sender.interpret(status: 200, body: accepted) == "42")
        #expect(throws: DeliveryFailure.permanent("the SMS gateway rejected the message (result.state = invalid_number)")) {
            try sender.interpret(status: 200, body: Data(#"{"result": {"state": "invalid_number"}}"#.utf8))
        }
        #expect(throws: DeliveryFailure.temporary("the SMS gateway did not accept the message (result.state = busy)")) {
            try sender.interpret(status: 200, body: Data(#"{"result": {"state": "busy"}}"#.utf8))
        }
        #expect(throws: DeliveryFailure.temporary("the SMS gateway answered HTTP 503")) { try sender.interpret(status: 503, body: Data()) }
        #expect(throws: DeliveryFailure.temporary("the SMS gateway answered HTTP 429")) { try sender.interpret(status: 429, body: Data()) }
        #expect(throws: DeliveryFailure.permanent("the SMS gateway answered HTTP 401")) { try sender.interpret(status: 401, body: Data()) }
        #expect(throws: ConfigurationError.self) { try TextGatewaySettings(url: "ftp://x") }
        #expect(throws: ConfigurationError.self) { try TextGatewaySettings(url: "https://x", temporaryCodes: "500-") }
    }

    @Test func theMessengerGatewayHasItsOwnKeysErrorsAndSecrets() throws {
        let configuration = try AppConfiguration(overrides: [:], environment: [
            "OTKLIK_SMS_GATEWAY_URL": "https://sms.example.ru/send", "OTKLIK_SMS_GATEWAY_TOKEN": "Sms-Token-1",
            "OTKLIK_MESSENGER_GATEWAY_URL": "https://bot:Basic-Pw4@im.example.ru/v1/messages", "OTKLIK_MESSENGER_GATEWAY_TOKEN": "Im-Token-5",
            "OTKLIK_MESSENGER_GATEWAY_BODY": #"{"phone": "{{to}}", "message": "{{text}}", "ref": "{{id}}", "channel": "whatsapp"}"#,
            "OTKLIK_MESSENGER_GATEWAY_ID_FIELD": "result.id", "OTKLIK_MESSENGER_GATEWAY_STATUS_FIELD": "result.state",
            "OTKLIK_MESSENGER_GATEWAY_ACCEPTED": "queued", "OTKLIK_MESSENGER_GATEWAY_PERMANENT": "not_on_messenger",
            "OTKLIK_MESSENGER_GATEWAY_TEMPORARY_CODES": "429,502-504",
        ])
        let sms = try #require(configuration.smsGateway), messenger = try #require(configuration.messengerGateway)
        #expect(sms.channel == .sms && sms.token == "Sms-Token-1" && sms.idField == "id" && sms.url.host == "sms.example.ru")
        #expect(messenger.channel == .messenger && messenger.url.absoluteString == "https://im.example.ru/v1/messages")
        #expect(messenger.username == "bot" && messenger.password == "Basic-Pw4" && messenger.token == "Im-Token-5")
        #expect(messenger.idField == "result.id" && messenger.statusField == "result.state" && messenger.acceptedValues == ["queued"])
        #expect(messenger.permanentValues == ["not_on_messenger"] && messenger.temporaryCodes == [429...429, 502...504])
        #expect(messenger.body.render(to: "+79001234567", text: "hi", id: "m1").contains(#""channel": "whatsapp""#))
        #expect(configuration.deliverableChannels == ["email", "sms", "messenger"])
        #expect(try AppConfiguration(overrides: [:], environment: [:]).deliverableChannels == ["email", "sms"])
        let redacted = configuration.redaction.redact("Basic-Pw4 Im-Token-5 Sms-Token-1 \(Data("bot:Basic-Pw4".utf8).base64EncodedString())")
        #expect(!redacted.contains("Basic-Pw4") && !redacted.contains("Im-Token-5") && !redacted.contains("Sms-Token-1"))
        #expect(!redacted.contains(Data("bot:Basic-Pw4".utf8).base64EncodedString()))

        // The messenger gateway's answers read as the messenger's.
        let sender = HTTPGatewaySender(settings: messenger)
        #expect(try sender.interpret(status: 200, body: Data(#"{"result": {"id": "w-9", "state": "QUEUED"}}"#.utf8)) == "w-9")
        #expect(throws: DeliveryFailure.permanent("the messenger gateway rejected the message (result.state = not_on_messenger)")) {
            try sender.interpret(status: 200, body: Data(#"{"result": {"state": "not_on_messenger"}}"#.utf8))
        }
        #expect(throws: DeliveryFailure.temporary("the messenger gateway answered HTTP 503")) { try sender.interpret(status: 503, body: Data()) }
        #expect(throws: DeliveryFailure.permanent("the messenger gateway answered HTTP 500")) { try sender.interpret(status: 500, body: Data()) }

        // Each error names the messenger's own key (and the SMS ones stay the SMS's).
        func key(_ environment: [String: String]) -> String? {
            do {
                _ = try AppConfiguration(overrides: [:], environment: environment)
                return nil
            } catch let error as ConfigurationError {
                return error.key
            } catch {
                return "\(error)"
            }
        }
        #expect(key(["OTKLIK_MESSENGER_GATEWAY_URL": "ftp://im.example.ru"]) == "otklik.messenger.gateway.url")
        #expect(key(["OTKLIK_MESSENGER_GATEWAY_URL": "https://x", "OTKLIK_MESSENGER_GATEWAY_BODY": "not json {{to}}"]) == "otklik.messenger.gateway.body")
        #expect(key(["OTKLIK_MESSENGER_GATEWAY_URL": "https://x", "OTKLIK_MESSENGER_GATEWAY_TEMPORARY_CODES": "500-"])
            == "otklik.messenger.gateway.temporary.codes")
        #expect(key(["OTKLIK_MESSENGER_GATEWAY_URL": "https://x", "OTKLIK_MESSENGER_GATEWAY_STATUS_FIELD": "state", "OTKLIK_MESSENGER_GATEWAY_ACCEPTED": " , "])
            == "otklik.messenger.gateway.accepted")
        #expect(key(["OTKLIK_SMS_GATEWAY_URL": "ftp://sms.example.ru"]) == "otklik.sms.gateway.url")
        #expect(key(["OTKLIK_SMS_GATEWAY_URL": "https://x", "OTKLIK_SMS_GATEWAY_BODY": "{"]) == "otklik.sms.gateway.body")
        // Given on the command line, the keys work the same.
        let overridden = try AppConfiguration(overrides: ["otklik.messenger.gateway.url": "https://im.example.ru/send"], environment: [:])
        #expect(overridden.messengerGateway?.url.host == "im.example.ru" && overridden.smsGateway == nil)
    }

    @Test func configurationKeysAndSecrets() throws {
        let configuration = try AppConfiguration(overrides: [:], environment: [
            "OTKLIK_SMTP_URL": "smtps://mailer:Smtp-Pw1@mail.example.ru", "OTKLIK_SMS_GATEWAY_URL": "https://gw:Basic-Pw2@sms.example.ru/send",
            "OTKLIK_SMS_GATEWAY_TOKEN": "Token-3", "OTKLIK_SMS_GATEWAY_ID_FIELD": "message_id", "OTKLIK_SMS_GATEWAY_STATUS_FIELD": "status",
            "OTKLIK_SMS_GATEWAY_PERMANENT": "rejected, invalid",
        ])
        let gateway = try #require(configuration.smsGateway)
        #expect(gateway.token == "Token-3" && gateway.idField == "message_id" && gateway.statusField == "status")
        #expect(gateway.permanentValues == ["rejected", "invalid"])
        let redacted = configuration.redaction.redact("Smtp-Pw1 Basic-Pw2 Token-3 \(Data("Smtp-Pw1".utf8).base64EncodedString())")
        #expect(!redacted.contains("Smtp-Pw1") && !redacted.contains("Basic-Pw2") && !redacted.contains("Token-3"))
        #expect(!redacted.contains(Data("Smtp-Pw1".utf8).base64EncodedString()))
        #expect(throws: ConfigurationError.self) {
            try AppConfiguration(overrides: [:], environment: ["OTKLIK_SMTP_URL": "smtp://x?starttls=sometimes"])
        }
        #expect(throws: ConfigurationError.self) {
            try AppConfiguration(overrides: [:], environment: ["OTKLIK_SMTP_URL": "smtps://x", "OTKLIK_SMTP_CA_FILE": "/nonexistent/ca.pem"])
        }
        #expect(throws: ConfigurationError.self) {
            try AppConfiguration(overrides: [:], environment: ["OTKLIK_SMS_GATEWAY_URL": "https://x", "OTKLIK_SMS_GATEWAY_BODY": "not json {{to}}"])
        }
    }
}
