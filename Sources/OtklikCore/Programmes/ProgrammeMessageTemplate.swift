import Foundation

/// The text of a programme's message in Russian and English: a subject (for e-mail) and a body. The customer's
/// language chooses; with none known, the organisation's default language. A body may hold `{status_link}`: the
/// customer's own link to the status of the trigger's complaint case or service request (`service_request_resolved`,
/// `service_request_stalled`), made when the message is written; and
/// `{review_link}`: a counted link to leave a public review.
public struct ProgrammeMessageTemplate: Sendable, Equatable {
    /// Replaced in the body by a link to leave a public review (the action's `review_links` for the trigger's location),
    /// through Otklik's redirect that counts the clicks.
    public static let reviewLink = "{review_link}"
    /// Replaced in the body by the customer's status link for the trigger's case or service request.
    public static let statusLink = "{status_link}"
    /// Stands in a stored body for the server's public address; the dispatcher puts the address in at delivery.
    public static let baseURL = "{otklik_url}"

    public struct Text: Sendable, Equatable {
        public var subject: String
        public var body: String

        public init(subject: String, body: String) {
            self.subject = subject
            self.body = body
        }
    }

    public static let languages = ["ru", "en"]
    public var ru: Text
    public var en: Text

    public init(ru: Text, en: Text) {
        self.ru = ru
        self.en = en
    }

    /// The text in `language` (`en` gives English, anything else Russian).
    public func text(_ language: String) -> Text {
        language == "en" ? en : ru
    }

    /// Reads `{"ru": {"subject", "body"}, "en": {"subject", "body"}}` with an error naming the field.
    public static func parse(_ value: Any?) throws(OtklikError) -> ProgrammeMessageTemplate {
        guard let object = value as? [String: Any] else {
            throw .invalid("template", "an object {\"ru\": {\"subject\", \"body\"}, \"en\": {\"subject\", \"body\"}}")
        }
        if let unknown = object.keys.sorted().first(where: { !languages.contains($0) }) {
            throw .invalid("template.\(unknown)", "the template's languages are ru and en")
        }
        func text(_ language: String) throws(OtklikError) -> Text {
            guard let item = object[language] as? [String: Any] else {
                throw .invalid("template.\(language)", "required: an object {\"subject\", \"body\"}")
            }
            let subject = (item["subject"] as? String ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !subject.isEmpty, subject.count <= 200, !subject.contains(where: \.isNewline) else {
                throw .invalid("template.\(language).subject", "a subject is 1-200 characters on one line")
            }
            let body = (item["body"] as? String ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !body.isEmpty, body.count <= 2_000 else { throw .invalid("template.\(language).body", "a body is 1-2000 characters") }
            return Text(subject: subject, body: body)
        }
        return ProgrammeMessageTemplate(ru: try text("ru"), en: try text("en"))
    }

    /// Whether either language's body holds `placeholder`.
    public func uses(_ placeholder: String) -> Bool {
        ru.body.contains(placeholder) || en.body.contains(placeholder)
    }

    /// The template as a JSON object, read back by ``parse(_:)`` to the same template.
    public var json: [String: Any] {
        ["ru": ["subject": ru.subject, "body": ru.body], "en": ["subject": en.subject, "body": en.body]]
    }
}
