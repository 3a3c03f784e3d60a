import Foundation
import Logging
@testable import OtklikServer
import Testing

/// The e-mail's MIME: a notification stays one `text/plain` part in 8 bit; a message with HTML and attachments is
/// `multipart/mixed` of a `multipart/alternative` body and base64 files, base64 lines of at most 76 characters and
/// headers folded (no line over 80), a Cyrillic file name as RFC 2047 encoded words — and the real SMTP server's parser
/// (Python's email package in Tests/delivery/servers.py) reads back the text, the HTML and every file byte for byte.
@Suite struct MIMEBodyTests {
    static func message(to recipient: String) -> MailMessage {
        let html = "<!doctype html><html><body><p>" + String(repeating: "Отчёт за октябрь. ", count: 300) + "</p><p>.точка</p></body></html>"
        var bytes = Data((0..<5000).map { UInt8($0 % 256) })
        bytes.append(contentsOf: Array("\r\n.\r\n".utf8))
        return MailMessage(
            id: "report-rs-1-2026-10", from: "otklik@bank.example", to: recipient,
            subject: "[Отклик] Ежемесячный отчёт за 2026-10: Головной офис и все его отделения в Москве", body: "Отчёт во вложении.\n.Строка с точкой",
            html: html,
            attachments: [
                MailAttachment(fileName: "otklik-report-2026-10.pdf", contentType: "application/pdf", data: Data("%PDF-1.4 fake".utf8) + bytes),
                MailAttachment(fileName: "отчёт за октябрь 2026 года — головной офис.xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data: bytes),
            ])
    }

    @Test func aPlainMessageIsStillOneTextPart() {
        let data = SMTPMailSender.data(MailMessage(id: "n1", from: "a@b.ru", to: "c@d.ru", subject: "Кейс", body: "Строка\n.точка"))
        #expect(data.contains("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nСтрока\r\n..точка"))
        #expect(!data.contains("multipart"))
    }

    @Test func multipartLinesStayShortAndNamesAreEncoded() {
        let data = SMTPMailSender.data(Self.message(to: "x@example.ru"))
        let lines = data.components(separatedBy: "\r\n")
        // Headers folded before each parameter: the longest is the XLSX media type's line (80 characters).
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.map(\.count).max() ?? 0)")
        let base64 = lines.filter { !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "/" || $0 == "=" } && $0.count > 40 }
        #expect(base64.count > 100 && base64.allSatisfy { $0.count <= 76 }, "RFC 2045: base64 lines of at most 76 characters")
        #expect(data.contains("Content-Type: multipart/mixed;\r\n boundary=\"mix-otklik-"))
        #expect(data.contains("Content-Type: multipart/alternative;\r\n boundary=\"alt-otklik-"))
        #expect(data.contains("Content-Disposition: attachment;\r\n filename=\"otklik-report-2026-10.pdf\""))
        #expect(data.contains("filename=\"=?UTF-8?B?"), "the Cyrillic name as encoded words")
        #expect(!data.contains("Content-Transfer-Encoding: 8bit"))
    }

    @Test func theSMTPServerReadsBackTheTextTheHTMLAndEveryFile() async throws {
        guard let servers = try DeliveryServers.required() else { return }
        let recipient = "mime-\(UUID().uuidString.prefix(6))@example.ru"
        let message = Self.message(to: recipient)
        try await SMTPMailSender(endpoint: try SMTPEndpoint(url: "smtp://127.0.0.1:\(servers.plainPort)"), logger: Logger(label: "t")).send(message)
        let mail = try #require(try await servers.mail(to: recipient).first)
        #expect(mail.subject == message.subject)
        #expect(mail.body.replacingOccurrences(of: "\r\n", with: "\n") == message.body)
        #expect(mail.html == message.html)
        let files = try #require(mail.attachments)
        #expect(files.map(\.filename) == message.attachments.map(\.fileName))
        #expect(files.map(\.contentType) == message.attachments.map(\.contentType))
        #expect(files.map { Data(base64Encoded: $0.data) } == message.attachments.map(\.data))
        #expect((mail.longestLine ?? 999) <= 80)
    }
}
