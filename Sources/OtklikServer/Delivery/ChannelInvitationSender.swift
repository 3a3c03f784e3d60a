import Foundation
import OtklikApplication
import OtklikStore

/// Sends survey invitations for real: to an e-mail address over SMTP, to a phone number through the SMS gateway — or
/// through the messenger gateway when the invitation's channel is `messenger` and that gateway is configured (the same
/// short text as an SMS) —, written from the templates in the invitation's language (Russian or English; otherwise the
/// organisation's) with the survey's title and the respondent's link. An invitation without an address, or to a channel
/// that is not configured, fails permanently (it will count as `no_contact`).
public struct ChannelInvitationSender: InvitationSender {
    let mail: (any MailSender)?
    let sms: (any TextMessageSender)?
    let messenger: (any TextMessageSender)?
    let from: String
    let surveys: any SurveyRepository
    let reference: any ReferenceRepository
    let templates: InvitationTemplates
    static let languages = ["ru", "en"]

    public init(
        mail: (any MailSender)?, sms: (any TextMessageSender)?, messenger: (any TextMessageSender)? = nil, from: String, surveys: any SurveyRepository,
        reference: any ReferenceRepository
    ) throws {
        self.mail = mail
        self.sms = sms
        self.messenger = messenger
        self.from = from
        self.surveys = surveys
        self.reference = reference
        templates = InvitationTemplates(localizer: try Localizer(defaultLanguage: "ru"))
    }

    /// `email` when the address has an `@`; for a phone number `messenger` when the invitation's channel is `messenger`
    /// and `messengerConfigured`, else `sms`; nil without an address.
    static func channel(of recipient: String?, invitationChannel: String? = nil, messengerConfigured: Bool = false) -> String? {
        guard let recipient = recipient?.trimmingCharacters(in: .whitespaces), !recipient.isEmpty else { return nil }
        if recipient.contains("@") { return "email" }
        return invitationChannel == "messenger" && messengerConfigured ? "messenger" : "sms"
    }

    public func route(_ message: InvitationMessage) async throws -> InvitationRoute {
        let language: String
        if let lang = message.lang, Self.languages.contains(lang) {
            language = lang
        } else {
            let organisation = try await reference.organisation().defaultLang
            language = Self.languages.contains(organisation) ? organisation : "ru"
        }
        switch Self.channel(of: message.recipient, invitationChannel: message.channel, messengerConfigured: messenger != nil) {
        case "email": return InvitationRoute(channel: "email", template: "survey_invitation_email", language: language, provider: "smtp")
        case "sms": return InvitationRoute(channel: "sms", template: "survey_invitation_sms", language: language, provider: "gateway")
        case "messenger": return InvitationRoute(channel: "messenger", template: "survey_invitation_sms", language: language, provider: "gateway")
        default: return InvitationRoute(channel: "none", template: "survey_invitation", language: language, provider: "none")
        }
    }

    public func send(_ message: InvitationMessage, link: String) async throws {
        _ = try await deliver(message, link: link)
    }

    public func deliver(_ message: InvitationMessage, link: String) async throws -> String? {
        let route = try await route(message)
        let language = route.language ?? "ru"
        let title = try await surveys.survey(code: message.survey)?.title(language) ?? message.survey
        guard let recipient = message.recipient?.trimmingCharacters(in: .whitespaces), !recipient.isEmpty else {
            throw DeliveryFailure.permanent("the invitation has no e-mail address or phone number to send to")
        }
        switch route.channel {
        case "email":
            guard let mail else { throw DeliveryFailure.permanent("no SMTP server is configured (OTKLIK_SMTP_URL) for e-mail invitations") }
            let text = templates.email(language: language, survey: title, link: link)
            try await mail.send(MailMessage(id: message.id, from: from, to: recipient, subject: text.subject, body: text.body))
            return "<\(SMTPMailSender.address(message.id))@otklik>"
        case "messenger":
            guard let messenger else {
                throw DeliveryFailure.permanent("no messenger gateway is configured (OTKLIK_MESSENGER_GATEWAY_URL) for messenger invitations")
            }
            return try await messenger.send(to: recipient, text: templates.sms(language: language, survey: title, link: link), id: message.id)
        default:
            guard let sms else { throw DeliveryFailure.permanent("no SMS gateway is configured (OTKLIK_SMS_GATEWAY_URL) for SMS invitations") }
            return try await sms.send(to: recipient, text: templates.sms(language: language, survey: title, link: link), id: message.id)
        }
    }
}
