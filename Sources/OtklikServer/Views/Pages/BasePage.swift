/// What every page's template sees around the page's own view model: the interface text `t`, the title,
/// the language and its switch, the signed-in user and the count of unread notifications.
/// `user` is nil for an anonymous visitor: swift-mustache unwraps the optional and opens no `{{#user}}` section.
struct BasePage<Page> {
    let t: [String: String]
    let page: Page
    let title: String
    let lang: String
    let langSwitch: [LanguageLink]
    let unread: Int
    let hasUnread: Bool
    let user: String?
    /// The signed-in user is limited to some locations: the navigation offers only the pages that filter by them.
    var scoped = false
    /// Which locations, by name, said under the navigation ("Your locations: …").
    var scopeNote: String?
    /// The signed-in user manages access: the navigation offers `/admin/users`.
    var managesAccess = false
    /// The signed-in user reads the audit log: the navigation offers `/audit`.
    var readsAudit = false
}

extension BasePage: Sendable where Page: Sendable {}
