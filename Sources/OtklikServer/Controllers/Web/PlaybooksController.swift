import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/playbooks`: the service standard ("Event – Tasks – Actions") as the quality manager keeps it — every playbook
/// with an edit form, a form for a new one, and removal. One task or phrase per line. Viewers read; admins and
/// managers edit (every change is validated whole, like `PUT /api/v1/playbooks`).
struct PlaybooksController {
    let playbooks: any PlaybookRepository
    let pages: PageRenderer

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("playbooks", use: list)
        group.post("playbooks", use: save)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(request, context: context, error: nil, draft: nil)
    }

    func render(_ request: Request, context: AppRequestContext, error: OtklikError?, draft: FormJSON?) async throws -> Response {
        let (language, _) = pages.text(for: request)
        let items = try await playbooks.playbooks()
        let rows = items.enumerated().map { index, item in
            PlaybooksPage.Row(
                index: index, event: item.event, titleRu: item.titleRu, titleEn: item.titleEn,
                title: language == "en" ? item.titleEn : item.titleRu, tasks: item.tasks, phrases: item.phrases,
                tasksText: item.tasks.joined(separator: "\n"), phrasesText: item.phrases.joined(separator: "\n"),
                hasPhrases: !item.phrases.isEmpty)
        }
        var page = PlaybooksPage(rows: rows, hasRows: !rows.isEmpty, canEdit: context.permits(.changeConfiguration))
        page.error = error?.message
        if let draft, draft.original?.isEmpty ?? true {
            page.draft = PlaybooksPage.Draft(
                event: draft.event ?? "", titleRu: draft.titleRu ?? "", titleEn: draft.titleEn ?? "", tasksText: draft.tasks ?? "",
                phrasesText: draft.phrases ?? "")
        }
        return pages.render("playbooks", page: page, titleKey: "playbooks", request: request, context: context,
                            status: error == nil ? .ok : .unprocessableContent)
    }

    struct FormJSON: Decodable {
        var action: String
        var original: String?
        var event: String?
        var titleRu: String?
        var titleEn: String?
        var tasks: String?
        var phrases: String?

        enum CodingKeys: String, CodingKey {
            case action, original, event, titleRu = "title_ru", titleEn = "title_en", tasks, phrases
        }

        static func lines(_ text: String?) -> [String] {
            (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }

        var playbook: Playbook {
            Playbook(
                event: (event ?? "").trimmingCharacters(in: .whitespaces), titleRu: (titleRu ?? "").trimmingCharacters(in: .whitespaces),
                titleEn: (titleEn ?? "").trimmingCharacters(in: .whitespaces), tasks: Self.lines(tasks), phrases: Self.lines(phrases))
        }
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.user, user.role != .viewer else { throw OtklikError(.forbidden, "viewers cannot change the service standard") }
        let body = try await request.body.collect(upTo: 256 * 1024)
        let form = try URLEncodedFormDecoder().decode(FormJSON.self, from: String(buffer: body))
        var items = try await playbooks.playbooks()
        let original = form.original.flatMap { $0.isEmpty ? nil : $0 }
        let index = original.flatMap { name in items.firstIndex { $0.event == name } }
        if original != nil && index == nil { throw OtklikError(.notFound, "no playbook for event '\(original ?? "")'", field: "original") }
        switch form.action {
        case "delete":
            if let index { items.remove(at: index) }
        case "save":
            if let index { items[index] = form.playbook } else { items.append(form.playbook) }
        default:
            throw OtklikError.invalid("action", "action must be save or delete")
        }
        do {
            try await playbooks.replaceAll(items)
        } catch let error as OtklikError where error.code == .invalidInput {
            let position = index ?? items.count - 1
            let message = OtklikError(error.code, error.message.replacingOccurrences(of: "items[\(position)].", with: ""), field: error.field)
            return try await render(request, context: context, error: message, draft: form)
        }
        return Response(status: .seeOther, headers: [.location: "/playbooks"])
    }
}
