/// The invitation texts in Russian and English, from the interface text (`Resources/i18n/delivery/{ru,en}.json`):
/// `delivery.invitation.email.subject`, `delivery.invitation.email.body` and `delivery.invitation.sms.text`, with
/// `{{survey}}` (the survey's title in that language) and `{{link}}` (the respondent's link).
struct InvitationTemplates: Sendable {
    let localizer: Localizer

    /// An e-mail's subject and body.
    func email(language: String, survey: String, link: String) -> (subject: String, body: String) {
        (fill(localizer.text("delivery.invitation.email.subject", language), survey: survey, link: link),
         fill(localizer.text("delivery.invitation.email.body", language), survey: survey, link: link))
    }

    func sms(language: String, survey: String, link: String) -> String {
        fill(localizer.text("delivery.invitation.sms.text", language), survey: survey, link: link)
    }

    func fill(_ template: String, survey: String, link: String) -> String {
        template.replacingOccurrences(of: "{{survey}}", with: survey).replacingOccurrences(of: "{{link}}", with: link)
    }
}
