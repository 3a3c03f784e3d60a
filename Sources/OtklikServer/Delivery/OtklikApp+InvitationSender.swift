import OtklikStore

extension OtklikApp {
    /// Invitations go out for real when an SMTP server, an SMS gateway or a messenger gateway is configured (e-mail
    /// addresses by SMTP, phone numbers through the SMS gateway, or the messenger's for a `messenger` invitation);
    /// otherwise the log-only sender writes them to the log.
    var configuredInvitationSender: any InvitationSender {
        let mail: (any MailSender)? = configuration.smtpURL == nil ? nil : mailSender as? SMTPMailSender
        let sms: (any TextMessageSender)? = configuration.smsGateway.map { HTTPGatewaySender(settings: $0) }
        let messenger: (any TextMessageSender)? = configuration.messengerGateway.map { HTTPGatewaySender(settings: $0) }
        guard mail != nil || sms != nil || messenger != nil,
              let sender = try? ChannelInvitationSender(
                mail: mail, sms: sms, messenger: messenger, from: configuration.mailFrom, surveys: database.surveys, reference: database.reference)
        else { return LogInvitationSender(logger: logger) }
        return sender
    }
}
