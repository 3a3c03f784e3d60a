import Foundation
import OtklikCore

/// Writes a subscription's monthly report as an e-mail in the subscription's language: the headline figures as the
/// plain text, the whole report (a self-contained HTML document) as the HTML alternative, the PDF and/or XLSX attached.
/// When the PDF was asked for but could not be printed, the text says so.
struct ReportMailComposer: Sendable {
    var from: String
    /// Prefix of links (`https://feedback.example.ru`); without it the link is a path.
    var publicURL: String?

    /// The mail's id (its Message-ID) is the subscription's and the month's: a resend is recognisably the same mail.
    func message(
        subscription: ReportSubscription, page: MonthlyReportPage, html: String, attachments: [MailAttachment], pdfMissing: Bool,
        text: [String: String]
    ) -> MailMessage {
        func fill(_ key: String, _ values: [String: String]) -> String {
            values.reduce(text[key] ?? key) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
        }
        var lines = [fill("report_mail_intro", ["scope": page.scope, "month": page.month, "period": page.period]), ""]
        for kpi in page.kpis {
            lines.append(fill("report_mail_figure", ["name": kpi.figure.name, "value": kpi.figure.value, "n": String(kpi.figure.n)]))
        }
        if !page.kpis.isEmpty { lines.append("") }
        if pdfMissing { lines.append(fill("report_mail_no_pdf", [:])) }
        if !attachments.isEmpty { lines.append(fill("report_mail_attached", ["files": attachments.map(\.fileName).joined(separator: ", ")])) }
        lines.append(fill("report_mail_online", ["link": (publicURL ?? "") + "/reports/monthly?" + page.query]))
        lines.append("")
        lines.append(fill("report_mail_footer", ["id": subscription.id]))
        return MailMessage(
            id: "report-\(subscription.id)-\(page.month)", from: from, to: subscription.email,
            subject: fill("report_mail_subject", ["month": page.month, "scope": page.scope]), body: lines.joined(separator: "\n"),
            html: html, attachments: attachments)
    }
}
