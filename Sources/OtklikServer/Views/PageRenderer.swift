import Foundation
import Hummingbird
import Mustache
import OtklikCore

/// Renders server-side pages from Mustache templates; customer text is always escaped (`{{x}}`).
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let localizer: Localizer

    init(localizer: Localizer) async throws {
        library = try await MustacheLibrary(directory: ResourceFiles.directory.appendingPathComponent("Templates").path)
        self.localizer = localizer
    }

    /// The reader's language (``Localizer/language(for:)``) and the interface text in it: what every page controller starts with.
    func text(for request: Request) -> (language: String, text: [String: String]) {
        let language = localizer.language(for: request)
        return (language, localizer.table(language))
    }

    /// Renders `template` with the page's typed view model under `page` and the title looked up by `titleKey`.
    func render<Page: Sendable>(
        _ template: String, page: Page, titleKey: String, request: Request, context: AppRequestContext, status: HTTPResponse.Status = .ok
    ) -> Response {
        render(template, page: page, title: localizer.text(titleKey, localizer.language(for: request)), request: request, context: context, status: status)
    }

    /// Renders `template` with the page's typed view model under `page` and the interface text under `t`.
    func render<Page: Sendable>(
        _ template: String, page: Page, title: String, request: Request, context: AppRequestContext, status: HTTPResponse.Status = .ok
    ) -> Response {
        respond(template, page: page, title: title, request: request, context: context, status: status)
    }

    private func respond<Page: Sendable>(
        _ template: String, page: Page, title: String, request: Request, context: AppRequestContext, status: HTTPResponse.Status
    ) -> Response {
        let language = localizer.language(for: request)
        let html = self.html(
            template, page: page, title: title, language: language, user: context.user?.username,
            languageLinks: Self.switchLinks(request: request, current: language), unread: context.unreadNotifications ?? 0,
            scopeNote: context.user == nil ? nil : context.scopeNote, managesAccess: context.user != nil && context.permits(.manageAccess),
            readsAudit: context.user != nil && context.permits(.readAudit))
        let protected = CSRFToken.insert(into: html, session: context.sessionToken)
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
        if let chosen = request.uri.queryParameters.get("lang"), Localizer.languages.contains(chosen) {
            headers[.setCookie] = Cookie(name: Localizer.cookieName, value: chosen, maxAge: 31_536_000, path: "/", sameSite: .lax).description
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: protected)))
    }

    /// The page's HTML: the template with the typed view model under `page` and the interface text under `t`
    /// (reflected once into a ``ReflectedModel``: nil optionals render as nothing, as with swift-mustache's own Mirror lookups);
    /// a Russian page's figures get their decimal commas (``DecimalComma``).
    func html<Page: Sendable>(
        _ template: String, page: Page, title: String, language: String, user: String?, languageLinks: [LanguageLink], unread: Int = 0,
        scopeNote: String? = nil, managesAccess: Bool = false, readsAudit: Bool = false
    ) -> String {
        let base = BasePage(
            t: localizer.table(language), page: page, title: title, lang: language, langSwitch: languageLinks,
            unread: unread, hasUnread: unread > 0, user: user, scoped: scopeNote != nil, scopeNote: scopeNote, managesAccess: managesAccess,
            readsAudit: readsAudit)
        let rendered = library.render(ReflectedModel(base), withTemplate: template) ?? "template \(template) is missing"
        return language == "ru" ? DecimalComma.apply(to: rendered) : rendered
    }

    /// The error page, its message in the reader's language (``ErrorText``).
    func errorPage(status: HTTPResponse.Status, body: ErrorBody, request: Request, context: AppRequestContext) -> Response {
        let language = localizer.language(for: request)
        let message = ErrorMiddleware.inputLayerKey(body).map { localizer.text($0, language) }
            ?? ErrorText.message(code: body.code, field: body.field, message: body.message, text: localizer.table(language), language: language)
        let heading = body.field?.hasPrefix("scope_") == true ? localizer.text("kpi_scope_title", language) : nil
        return render(
            "error", page: ErrorPage(status: String(status.code), message: message, heading: heading),
            title: heading ?? localizer.text("error_title", language), request: request, context: context, status: status)
    }

    /// Links that keep the current query and switch the language.
    static func switchLinks(request: Request, current: String) -> [LanguageLink] {
        Localizer.languages.map { language in
            var items = request.uri.queryParameters.compactMap { key, value -> URLQueryItem? in
                key == "lang" ? nil : URLQueryItem(name: String(key), value: String(value))
            }
            items.append(URLQueryItem(name: "lang", value: language))
            var components = URLComponents()
            components.path = request.uri.path
            components.queryItems = items
            return LanguageLink(code: language.uppercased(), langCode: language, href: components.string ?? "?lang=\(language)", current: language == current)
        }
    }
}
