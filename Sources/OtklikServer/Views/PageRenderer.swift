import Foundation
import Hummingbird
import Mustache

/// Renders server-side pages from Mustache templates; customer text is always escaped (`{{x}}`).
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let localizer: Localizer

    init(localizer: Localizer) async throws {
        library = try await MustacheLibrary(directory: ResourceFiles.directory.appendingPathComponent("Templates").path)
        self.localizer = localizer
    }

    /// Renders `template` with the page's view model under `page` and the interface text under `t`.
    func render(_ template: String, page: Any, title: String, request: Request, context: AppRequestContext, status: HTTPResponse.Status = .ok) -> Response {
        let language = localizer.language(for: request)
        let html = self.html(
            template, page: page, title: title, language: language, user: context.user?.username,
            languageLinks: Self.switchLinks(request: request, current: language), unread: context.unreadNotifications ?? 0)
        let protected = CSRFToken.insert(into: html, session: context.sessionToken)
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
        if let chosen = request.uri.queryParameters.get("lang"), Localizer.languages.contains(chosen) {
            headers[.setCookie] = Cookie(name: Localizer.cookieName, value: chosen, maxAge: 31_536_000, path: "/", sameSite: .lax).description
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: protected)))
    }

    /// The page's HTML: the template with the view model under `page` and the interface text under `t`.
    func html(
        _ template: String, page: Any, title: String, language: String, user: String?, languageLinks: [[String: Any]], unread: Int = 0
    ) -> String {
        var base: [String: Any] = [
            "t": localizer.table(language),
            "page": MustacheValue.clean(page) ?? [String: Any](),
            "title": title,
            "lang": language,
            "langSwitch": languageLinks,
            "unread": unread,
            "hasUnread": unread > 0,
        ]
        if let user { base["user"] = user }
        return library.render(base, withTemplate: template) ?? "template \(template) is missing"
    }

    /// The error page, its message in the reader's language (``ErrorText``).
    func errorPage(status: HTTPResponse.Status, body: ErrorBody, request: Request, context: AppRequestContext) -> Response {
        let language = localizer.language(for: request)
        let message = ErrorMiddleware.inputLayerKey(body).map { localizer.text($0, language) }
            ?? ErrorText.message(code: body.code, field: body.field, message: body.message, text: localizer.table(language), language: language)
        return render(
            "error", page: ["status": String(status.code), "message": message],
            title: localizer.text("error_title", language), request: request, context: context, status: status)
    }

    /// Links that keep the current query and switch the language.
    static func switchLinks(request: Request, current: String) -> [[String: Any]] {
        Localizer.languages.map { language in
            var items = request.uri.queryParameters.compactMap { key, value -> URLQueryItem? in
                key == "lang" ? nil : URLQueryItem(name: String(key), value: String(value))
            }
            items.append(URLQueryItem(name: "lang", value: language))
            var components = URLComponents()
            components.path = request.uri.path
            components.queryItems = items
            return ["code": language.uppercased(), "langCode": language, "href": components.string ?? "?lang=\(language)", "current": language == current]
        }
    }
}
