import Foundation
import Logging
import OtklikApplication
import OtklikCore
@testable import OtklikServer
import OtklikStore
import Testing

/// The monthly report e-mailed on schedule through the local SMTP server of `Tests/delivery/servers.py`: on the
/// report day the mail arrives once with the PDF (when Chromium is installed) and the XLSX, whose figures read back
/// by the independent reader are the report's; a second round, a restart and a second server send nothing more;
/// without Chromium the XLSX goes alone and the text says the PDF was not available; a failed send is retried by the
/// delivery policy and a permanent one given up.
@Suite(.serialized) struct ReportMailRoundTests {
    /// 1 November 2026, 09:00 in Moscow (06:00 UTC): the report day of a day-1 subscription, for October.
    static let reportDay = ISO8601DateFormatter().date(from: "2026-11-01T06:00:00Z")!
    static let october = ISO8601DateFormatter().date(from: "2026-10-20T12:00:00Z")!

    static func round(
        _ test: TestApp, sender: any MailSender, holder: String = "srv-a", printer: @escaping @Sendable () -> ChromiumPrinter? = { ChromiumPrinter.find() }
    ) async throws -> ReportMailRound {
        var round = try await test.app.reportMailRound(sender: sender, printer: printer)
        round = ReportMailRound(
            subscriptions: round.subscriptions, reports: round.reports, sender: round.sender, composer: round.composer,
            policy: DeliveryPolicy(maxAttempts: 3, baseSeconds: 60), lease: nil, holder: holder, printer: printer, logger: Logger(label: "t"))
        return round
    }

    static func counts(_ result: (queued: Int, sent: Int)) -> [Int] { [result.queued, result.sent] }

    static func smtp(_ servers: DeliveryServers) throws -> SMTPMailSender {
        try SMTPMailSender(endpoint: try SMTPEndpoint(url: "smtp://127.0.0.1:\(servers.plainPort)"), logger: Logger(label: "t"))
    }

    @Test func theReportArrivesOnceWithBothFilesAndTheWorkbooksFigures() async throws {
        guard let servers = try DeliveryServers.required() else { return }
        let test = try await TestApp.make(minimumN: 30)
        defer { Task { try? await test.close() } }
        try await MonthlyReportTests.seed(test)
        let recipient = "director-\(UUID().uuidString.prefix(6))@example.ru"
        let (subscription, _) = try await ReportSubscriptions(repository: test.app.database.reportSubscriptions).subscribe(
            email: recipient, location: "L01", language: "en", formats: ["pdf", "xlsx"], day: 1, now: Self.october)
        let round = try await Self.round(test, sender: try Self.smtp(servers))
        // The day before the report day: nothing.
        #expect(Self.counts(try await round.round(now: Self.reportDay.addingTimeInterval(-86_400))) == [0, 0])
        #expect(Self.counts(try await round.round(now: Self.reportDay)) == [1, 1])
        // The same day again, a restart (a new round) and a second server: nothing more.
        #expect(Self.counts(try await round.round(now: Self.reportDay.addingTimeInterval(3600))) == [0, 0])
        #expect(Self.counts(try await Self.round(test, sender: try Self.smtp(servers), holder: "srv-b").round(now: Self.reportDay.addingTimeInterval(7200))) == [0, 0])
        let mail = try await servers.mail(to: recipient)
        #expect(mail.count == 1)
        let received = try #require(mail.first)
        #expect(received.subject.contains("Monthly report 2026-10"))
        #expect(received.body.contains("NPS: 50") && received.body.contains("/reports/monthly?month=2026-10&location=L01"))
        #expect(received.html?.contains("<h1>Monthly report · 2026-10</h1>") == true && received.html?.contains("report-subscribe") == false)
        let files = try #require(received.attachments)
        let xlsx = try #require(files.first { $0.filename == "otklik-report-2026-10-L01.xlsx" })
        let sheets = try MonthlyReportTests.readWorkbook(try #require(Data(base64Encoded: xlsx.data)))
        let headline = try #require(sheets.first { $0.name == "Headline" })
        let nps = try #require(headline.rows.first { $0.first as? String == "NPS" })
        #expect(nps[1] as? Double == 50 && nps[4] as? Double == 100, "NPS 50 of 100 answers, as seeded (60 promoters, 10 detractors)")
        let csat = try #require(headline.rows.first { ($0.first as? String)?.hasPrefix("CSAT") == true })
        #expect(csat[1] as? Double == 70)
        if ChromiumPrinter.find() != nil {
            let pdf = try #require(files.first { $0.filename == "otklik-report-2026-10-L01.pdf" })
            #expect(try #require(Data(base64Encoded: pdf.data)).starts(with: Data("%PDF".utf8)))
            #expect(files.count == 2 && !received.body.contains("PDF was not available"))
        }
        let mailings = try await test.app.database.reportSubscriptions.mailings(subscription: subscription.id)
        #expect(mailings.count == 1 && mailings.first?.month == "2026-10" && mailings.first?.status == "sent" && mailings.first?.attempts == 1)
    }

    @Test func withoutChromiumTheWorkbookGoesAloneAndTheTextSaysSo() async throws {
        guard let servers = try DeliveryServers.required() else { return }
        let test = try await TestApp.make(minimumN: 30)
        defer { Task { try? await test.close() } }
        try await MonthlyReportTests.seed(test)
        let recipient = "nopdf-\(UUID().uuidString.prefix(6))@example.ru"
        _ = try await ReportSubscriptions(repository: test.app.database.reportSubscriptions).subscribe(
            email: recipient, location: nil, language: "ru", formats: ["pdf"], day: 1, now: Self.october)
        #expect(Self.counts(try await Self.round(test, sender: try Self.smtp(servers), printer: { nil }).round(now: Self.reportDay)) == [1, 1])
        let received = try #require(try await servers.mail(to: recipient).first)
        #expect(received.attachments?.map { $0.filename } == ["otklik-report-2026-10.xlsx"])
        #expect(received.body.contains("PDF не сформирован") && received.subject.contains("Ежемесячный отчёт за 2026-10"))
    }

    @Test func aFailedSendIsRetriedByThePolicyAndAPermanentOneGivenUp() async throws {
        guard let servers = try DeliveryServers.required() else { return }
        let test = try await TestApp.make(minimumN: 30)
        defer { Task { try? await test.close() } }
        let repository = test.app.database.reportSubscriptions
        let recipient = "retry-\(UUID().uuidString.prefix(6))@example.ru"
        let (subscription, _) = try await ReportSubscriptions(repository: repository).subscribe(
            email: recipient, location: nil, language: "en", formats: ["xlsx"], day: 1, now: Self.october)
        // The SMTP server cannot be reached: a temporary failure, retried 60 s later (the policy's base).
        let down = try SMTPMailSender(endpoint: try SMTPEndpoint(url: "smtp://127.0.0.1:1"), logger: Logger(label: "t"))
        #expect(Self.counts(try await Self.round(test, sender: down).round(now: Self.reportDay)) == [1, 0])
        var mailing = try #require(try await repository.mailings(subscription: subscription.id).first)
        #expect(mailing.status == "pending" && mailing.attempts == 1 && mailing.lastError?.contains("cannot connect") == true)
        let working = try await Self.round(test, sender: try Self.smtp(servers))
        #expect(Self.counts(try await working.round(now: Self.reportDay.addingTimeInterval(30))) == [0, 0], "not before the back-off")
        #expect(Self.counts(try await working.round(now: Self.reportDay.addingTimeInterval(61))) == [0, 1])
        mailing = try #require(try await repository.mailings(subscription: subscription.id).first)
        #expect(mailing.status == "sent" && mailing.attempts == 2)
        #expect(try await servers.mail(to: recipient).count == 1)

        // A permanent refusal (an SMTP 5xx) is final at once.
        let refused = "refused-\(UUID().uuidString.prefix(6))@example.ru"
        let (other, _) = try await ReportSubscriptions(repository: repository).subscribe(
            email: refused, location: nil, language: "en", formats: ["xlsx"], day: 1, now: Self.october)
        let wrongPassword = try SMTPMailSender(
            endpoint: try SMTPEndpoint(url: "smtp://\(servers.user):wrong@localhost:\(servers.starttlsPort)?starttls=required&ca_file=\(servers.caFile)"),
            logger: Logger(label: "t"))
        #expect(Self.counts(try await Self.round(test, sender: wrongPassword).round(now: Self.reportDay.addingTimeInterval(120))) == [1, 0])
        let failed = try #require(try await repository.mailings(subscription: other.id).first)
        #expect(failed.status == "failed" && failed.attempts == 1)
    }
}
