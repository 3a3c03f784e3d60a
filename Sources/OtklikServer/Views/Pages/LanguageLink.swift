/// One entry of a page's language switch: the link that keeps the current query and sets `lang`.
struct LanguageLink: Sendable {
    /// "RU", "EN".
    let code: String
    /// "ru", "en": the `lang` attribute of the link.
    let langCode: String
    let href: String
    let current: Bool
}
