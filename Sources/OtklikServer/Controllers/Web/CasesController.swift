import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/cases` and `/cases/{id}`: the manager's work list of cases from feedback, and one case with its
/// feedback, history and actions. Viewers may read; admins and managers may act.
struct CasesController {
    let cases: any CaseRepository
    let schedule: CaseScheduleSource
    let feedback: any FeedbackRepository
    let transcripts: any TranscriptRepository
    let reasons: any ReasonRepository
    let playbooks: any PlaybookRepository
    let reference: any ReferenceRepository
    let pages: PageRenderer
    let timeZone: TimeZone

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("cases", use: list)
        group.get("cases/{id}", use: detail)
        group.post("cases/{id}", use: act)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = pages.localizer.language(for: request)
        let text = pages.localizer.table(language)
        let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
        let now = Date()
        var filter = try CaseController.filter(query, now: now)
        if query["status"] == nil { filter.statuses = Set(CaseStatus.allCases.filter(\.isOpen)) }
        let names = try await ReferenceNames.load(reference)
        let items = try await cases.cases(filter)
        let rows: [[String: Any]] = items.map { item in
            [
                "id": item.id, "href": "/cases/\(item.id)", "opened": format(item.openedAt), "due": format(item.dueAt),
                "overdue": item.isOverdue(now: now), "location": names.name(.location, item.location ?? "", text: text),
                "owner": item.owner.map { names.name(.staff, $0, text: text) } ?? (text["case_unassigned"] ?? "—"), "status": text["case_status_\(item.status.rawValue)"] ?? item.status.rawValue,
            ]
        }
        let statusOptions: [[String: Any]] = [["code": "", "label": text["case_open_all"] ?? "open", "selected": query["status"] == nil]]
            + CaseStatus.allCases.map { ["code": $0.rawValue, "label": text["case_status_\($0.rawValue)"] ?? $0.rawValue, "selected": query["status"] == $0.rawValue] }
        let locationOptions: [[String: Any]] = [["code": "", "label": text["all"] ?? "", "selected": filter.location == nil]]
            + names.codes(.location).map { ["code": $0, "label": names.name(.location, $0, text: text), "selected": $0 == filter.location] }
        let page: [String: Any] = [
            "rows": rows, "hasRows": !rows.isEmpty, "count": rows.count, "statusOptions": statusOptions, "locationOptions": locationOptions,
            "overdueOnly": filter.overdueAt != nil,
        ]
        return pages.render("cases", page: page, title: text["cases"] ?? "Cases", request: request, context: context)
    }

    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderDetail(request, context: context, error: nil)
    }

    func renderDetail(_ request: Request, context: AppRequestContext, error: OtklikError?) async throws -> Response {
        let language = pages.localizer.language(for: request)
        let text = pages.localizer.table(language)
        let id = try context.parameters.require("id")
        guard let (item, events) = try await cases.get(id: id) else { throw OtklikError(.notFound, "no case '\(id)'", field: "id") }
        let names = try await ReferenceNames.load(reference)
        let source = try await feedback.get(id: item.feedbackId)
        let canAct = context.user?.role != .viewer
        var page: [String: Any] = [
            "id": item.id, "status": text["case_status_\(item.status.rawValue)"] ?? item.status.rawValue, "isOpen": item.status.isOpen,
            "opened": format(item.openedAt), "due": format(item.dueAt), "overdue": item.isOverdue(now: Date()),
            "owner": item.owner.map { names.name(.staff, $0, text: text) } ?? (text["case_unassigned"] ?? "—"), "ownerCode": item.owner ?? "",
            "location": names.name(.location, item.location ?? "", text: text), "canAct": canAct,
            "events": events.map { event in
                ["at": format(event.at), "actor": event.actor, "kind": text["case_event_\(event.kind.rawValue)"] ?? event.kind.rawValue,
                 "text": eventText(event, text: text)]
            },
            "followUps": FollowUp.allCases.map { ["code": $0.rawValue, "label": text["follow_up_\($0.rawValue)"] ?? $0.rawValue] },
            "resolutionCodes": FeedbackCase.resolutionCodes.map { ["code": $0, "label": text["resolution_\($0)"] ?? $0] },
            "statusOptions": [CaseStatus.inProgress, .waitingForCustomer, .closed].filter { $0 != item.status }
                .map { ["code": $0.rawValue, "label": text["case_status_\($0.rawValue)"] ?? $0.rawValue] },
            "staffOptions": names.codes(.staff).map { ["code": $0, "label": names.name(.staff, $0, text: text), "selected": $0 == item.owner] },
        ]
        if let code = item.resolutionCode { page["resolution"] = text["resolution_\(code)"] ?? code }
        if let due = item.firstResponseDueAt {
            page["firstResponse"] = item.firstResponseAt.map(format) ?? "\(text["case_first_response_pending"] ?? "pending"), \(text["case_due"] ?? "due") \(format(due))"
        }
        if item.escalationLevel > 0 { page["escalation"] = text["escalation_\(item.escalationLevel)"] ?? "level \(item.escalationLevel)" }
        if item.pausedAt != nil { page["paused"] = true }
        if let breached = item.breachedAt { page["breached"] = format(breached) }
        page["canEscalate"] = item.status.isOpen && item.escalationLevel < FeedbackCase.escalationRoles.count - 1
        if let called = item.calledBackAt { page["calledBack"] = format(called) }
        if let error { page["error"] = error.message }
        if let source {
            let labels = Dictionary(try await reasons.reasons().map { ($0.code, $0.label(language)) }, uniquingKeysWith: { first, _ in first })
            var shown: [String: Any] = [
                "ts": format(source.ts), "channel": text["channel_\(source.channel.rawValue)"] ?? source.channel.rawValue,
                "contact": canAct ? (source.contact ?? "") : (text["hidden"] ?? "hidden"),
            ]
            if !source.reasons.isEmpty { shown["reasons"] = source.reasons.map { labels[$0] ?? $0 }.joined(separator: ", ") }
            if let comment = source.comment, !comment.isEmpty { shown["comment"] = comment }
            if let staff = source.staff { shown["staff"] = names.name(.staff, staff, text: text) }
            let ratings = [source.csat.map { "CSAT \($0)/5" }, source.nps.map { "NPS \($0)/10" }, source.button.map { text["button_\($0.rawValue)"] ?? $0.rawValue }]
            shown["rating"] = ratings.compactMap { $0 }.joined(separator: ", ")
            page["feedback"] = shown
            if let playbook = try await playbooks.playbook(forEvents: Playbook.events(for: source)) {
                page["playbook"] = [
                    "title": language == "en" ? playbook.titleEn : playbook.titleRu, "tasks": playbook.tasks, "phrases": playbook.phrases,
                    "hasPhrases": !playbook.phrases.isEmpty,
                ]
            }
            let history = try await customerHistory(of: source, names: names, text: text)
            page["history"] = history
            page["hasHistory"] = !history.isEmpty
            if let conversation = try await transcripts.conversation(before: source, window: 1_800) {
                page["conversation"] = [
                    "id": conversation.id, "started": format(conversation.startedAt),
                    "turns": conversation.turns.map { turn in
                        ["speaker": text["speaker_\(turn.speaker.rawValue)"] ?? turn.speaker.rawValue, "text": turn.text,
                         "customer": turn.speaker == .customer]
                    },
                ]
            }
        }
        return pages.render("case", page: page, title: "\(text["case"] ?? "Case") \(item.id)", request: request, context: context,
                            status: error == nil ? .ok : .unprocessableContent)
    }

    @Sendable func act(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.user, user.role != .viewer else {
            throw OtklikError(.forbidden, "viewers cannot change cases")
        }
        let id = try context.parameters.require("id")
        let body = try await request.body.collect(upTo: 64 * 1024)
        let form = try URLEncodedFormDecoder().decode(CaseActionJSON.self, from: String(buffer: body))
        do {
            _ = try await cases.apply(try form.caseAction(), to: id, actor: user.username, now: Date(), schedule: try await schedule.current())
        } catch let error as OtklikError where error.code == .invalidInput {
            return try await renderDetail(request, context: context, error: error)
        }
        return Response(status: .seeOther, headers: [.location: "/cases/\(id)"])
    }

    /// The customer's other feedback (same contact, or same customer id), newest first, with their cases.
    func customerHistory(of source: Feedback, names: ReferenceNames, text: [String: String]) async throws -> [[String: Any]] {
        var seen: [String: Feedback] = [:]
        for filter in [source.contact.map { FeedbackFilter(contact: $0) }, source.customer.map { FeedbackFilter(customer: $0) }].compactMap({ $0 }) {
            for item in try await feedback.list(filter, after: nil, limit: 20).items where item.id != source.id { seen[item.id] = item }
        }
        return seen.values.sorted { $0.ts > $1.ts }.prefix(20).map { item in
            var row: [String: Any] = [
                "ts": format(item.ts), "location": names.name(.location, item.location ?? "", text: text),
                "rating": [item.csat.map { "CSAT \($0)/5" }, item.nps.map { "NPS \($0)/10" }].compactMap { $0 }.joined(separator: ", "),
                "comment": item.comment ?? "",
            ]
            if item.kind == .complaint { row["caseHref"] = "/cases/case-\(item.id)" }
            return row
        }
    }

    /// An event's detail in the reader's language: a resolution code becomes its label.
    func eventText(_ event: CaseEvent, text: [String: String]) -> String {
        guard let detail = event.text else { return "" }
        guard event.kind == .resolved else { return detail }
        let parts = detail.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        let label = text["resolution_\(parts[0])"] ?? parts[0]
        return parts.count > 1 ? "\(label): \(parts[1])" : label
    }

    func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = timeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
