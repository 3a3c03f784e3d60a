import Foundation
import Logging
import Metrics
import OtklikApplication
import OtklikCore
import OtklikMetrics
import OtklikStore
import ServiceLifecycle

/// The monthly report by e-mail. Each round, under a lease (with several servers, one of them runs it): queues every
/// subscription whose report day has come this month (``ReportSchedule``) — once per subscription and month, the
/// mailing's key, so a restart or a second server never queues it twice — then claims the due mailings one by one,
/// builds each report (PDF printed by headless Chromium when it is installed, else left out and said so), sends it and
/// records the outcome; a failure is retried by the delivery policy, a permanent one (an SMTP 5xx) is not.
struct ReportMailRound: ServiceLifecycle.Service {
    let subscriptions: any ReportSubscriptionRepository
    let reports: MonthlyReports
    let sender: any MailSender
    let composer: ReportMailComposer
    let policy: DeliveryPolicy
    let lease: ServiceLease?
    /// This server process: the holder of its claims.
    let holder: String
    var interval: Duration = .seconds(60)
    /// Chromium's printer, when one is installed (tests choose).
    var printer: @Sendable () -> ChromiumPrinter? = { ChromiumPrinter.find() }
    let logger: Logger
    /// How long a claim lasts: longer than building, printing and sending one report can take.
    static let claimSeconds: Double = 300
    let sent = Counter(label: "otklik_report_mail_total", dimensions: [("result", "sent")])
    let failed = Counter(label: "otklik_report_mail_total", dimensions: [("result", "failed_attempt")])

    func run() async throws {
        await BackgroundRounds.run(every: interval, lease: lease, logger: logger, failure: "monthly report mailing failed") {
            _ = try await round(now: Date())
        }
    }

    /// One round at `now`: how many mailings it queued and how many it sent.
    func round(now: Date) async throws -> (queued: Int, sent: Int) {
        let queued = try await queueDue(now: now)
        return (queued, try await sendDue(now: now))
    }

    /// Queues this month's mailing of every subscription whose report day has come.
    func queueDue(now: Date) async throws -> Int {
        let zone = reports.analytics.timeZone
        let today = LocalCalendar.day(of: now, in: zone)
        let due = try await subscriptions.subscriptions().compactMap { subscription -> (subscription: String, month: String)? in
            let created = LocalCalendar.day(of: subscription.createdAt, in: zone)
            guard let month = ReportSchedule.dueMonth(today: today, day: subscription.day, createdDay: created) else { return nil }
            return (subscription.id, LocalCalendar.label(monthIndex: month))
        }
        return try await subscriptions.queue(due, now: now)
    }

    /// Sends what is due, one mailing at a time (at most 20 a round); returns how many were sent.
    func sendDue(now: Date) async throws -> Int {
        var count = 0
        var attempted: Set<String> = []
        for _ in 0..<20 {
            guard let mailing = try await subscriptions.claimDue(now: now, limit: 1, holder: holder, seconds: Self.claimSeconds).first else { break }
            // A failed attempt whose retry is already due at `now` waits for the next round.
            guard attempted.insert(mailing.subscription.id + " " + mailing.month).inserted else {
                try await subscriptions.release(subscription: mailing.subscription.id, month: mailing.month, holder: holder)
                break
            }
            do {
                try await sender.send(try await message(for: mailing, now: now))
                count += 1
                sent.increment()
                try await subscriptions.record(subscription: mailing.subscription.id, month: mailing.month, sent: true, error: nil, at: Date(), retryAt: nil)
            } catch {
                failed.increment()
                let decision = policy.decision(after: DeliveryFailure.from(error), attempt: mailing.attempts + 1)
                let retry: Date? = if case .retry(let seconds) = decision { now.addingTimeInterval(seconds) } else { nil }
                logger.warning(
                    "monthly report e-mail failed",
                    metadata: ["subscription": "\(mailing.subscription.id)", "month": "\(mailing.month)", "attempt": "\(mailing.attempts + 1)", "error": "\(error)"])
                try await subscriptions.record(
                    subscription: mailing.subscription.id, month: mailing.month, sent: false, error: "\(error)", at: Date(), retryAt: retry)
            }
        }
        return count
    }

    /// The mailing's report as an e-mail.
    func message(for mailing: ReportMailing, now: Date) async throws -> MailMessage {
        let subscription = mailing.subscription
        var parameters = ["month": mailing.month]
        if let location = subscription.location { parameters["location"] = location }
        let query = try MonthlyReportQuery(parameters: parameters, timeZone: reports.analytics.timeZone)
        let page = try await reports.page(query, language: subscription.language, now: now)
        let html = try reports.document(page, language: subscription.language)
        var attachments: [MailAttachment] = []
        var pdfMissing = false
        if subscription.formats.contains(.pdf) {
            if let printer = printer() {
                let pdf = try await printer.pdf(html: html)
                attachments.append(MailAttachment(fileName: "\(query.fileStem).pdf", contentType: MonthlyReports.Format.pdf.contentType, data: pdf))
            } else {
                pdfMissing = true
            }
        }
        if subscription.formats.contains(.xlsx) || (pdfMissing && attachments.isEmpty) {
            attachments.append(MailAttachment(fileName: "\(query.fileStem).xlsx", contentType: MonthlyReports.Format.xlsx.contentType, data: try reports.xlsx(page)))
        }
        return composer.message(
            subscription: subscription, page: page, html: html, attachments: attachments, pdfMissing: pdfMissing,
            text: reports.localizer.table(subscription.language))
    }
}
