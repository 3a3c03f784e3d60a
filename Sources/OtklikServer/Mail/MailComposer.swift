import Foundation
import OtklikCore

/// Writes a notification as an e-mail in the organisation's language, with a link to the case or problem.
struct MailComposer: Sendable {
    var from: String
    var language: String
    /// Prefix of links (`https://feedback.example.ru`); without it links are paths.
    var publicURL: String?

    func message(for notification: AppNotification, to: String) -> MailMessage {
        let title = notification.kind.title(language)
        let subject = ([title, notification.caseId ?? notification.problemId].compactMap { $0 }).joined(separator: ": ")
        var lines = [title + "."]
        if let detail = notification.detail, !detail.isEmpty { lines.append(detail) }
        if let href = notification.href { lines.append((publicURL ?? "") + href) }
        lines.append("")
        lines.append(language == "en" ? "— Otklik (this message was sent automatically)" : "— Отклик (письмо отправлено автоматически)")
        return MailMessage(id: notification.id, from: from, to: to, subject: "[Otklik] " + subject, body: lines.joined(separator: "\n"))
    }
}
