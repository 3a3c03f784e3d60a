import OtklikStore

/// How an invitation goes out, as its delivery record names it: the channel (`email`, `sms`, `log`), the template,
/// the language it is written in and the provider (`smtp`, `gateway`, `log`).
public struct InvitationRoute: Sendable, Equatable {
    public var channel: String
    public var template: String
    public var language: String?
    public var provider: String

    public init(channel: String, template: String, language: String?, provider: String) {
        self.channel = channel
        self.template = template
        self.language = language
        self.provider = provider
    }

    /// The log-only sender's route.
    public static func log(_ message: InvitationMessage) -> InvitationRoute {
        InvitationRoute(channel: "log", template: "survey_invitation", language: message.lang, provider: "log")
    }
}
