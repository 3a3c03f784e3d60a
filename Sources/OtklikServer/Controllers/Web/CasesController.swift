import Foundation
import Hummingbird
import OtklikApplication
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
    let employeeVoice: any EmployeeVoiceRepository
    let customers: any CustomerRepository
    let reference: any ReferenceRepository
    let pages: PageRenderer
    let timeZone: TimeZone

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("cases", use: list)
        group.get("cases/{id}", use: detail)
        group.post("cases/{id}", use: act)
        group.post("cases/bulk", use: bulk)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderList(request, context: context, error: nil, done: request.uri.queryParameters.get("done").flatMap { Int($0) })
    }

    /// Cases on one page of the list.
    static let pageSize = 50

    func renderList(_ request: Request, context: AppRequestContext, error: OtklikError?, done: Int?) async throws -> Response {
        let (language, text) = pages.text(for: request)
        var query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
        let now = Date()
        // `status=all` is every case, open or not; a query the filter refuses is shown on the page, not as an API error.
        let allStatuses = query["status"] == "all"
        if allStatuses { query["status"] = nil }
        let parsed = Self.parseFilter(query, now: now)
        var filter = parsed.0
        let refusal = parsed.1
        let error = error ?? refusal
        if refusal != nil { query = [:] }
        if query["status"] == nil && !allStatuses { filter.statuses = Set(CaseStatus.allCases.filter(\.isOpen)) }
        // Closed cases read newest first; open ones by the nearest deadline.
        filter.newestFirst = allStatuses || filter.statuses.contains { !$0.isOpen }
        let view = query["view"] ?? ""
        if view == "mine", let user = context.user { filter.owner = user.staff ?? user.username }
        if view == "unassigned" { filter.unassigned = true }
        filter.search = query["q"].flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
        filter = context.scoped(filter)
        let total = try await cases.count(filter)
        let pageCount = max(1, (total + Self.pageSize - 1) / Self.pageSize)
        let pageNumber = min(max(1, query["page"].flatMap { Int($0) } ?? 1), pageCount)
        filter.limit = Self.pageSize
        filter.offset = (pageNumber - 1) * Self.pageSize
        let names = try await ReferenceNames.load(reference)
        let items = try await cases.cases(filter)
        let sources = try await feedback.get(ids: items.compactMap(\.feedbackId))
        let labels = Dictionary(try await reasons.reasons().map { ($0.code, $0.label(language)) }, uniquingKeysWith: { first, _ in first })
        let rows = items.map { item in
            var row = CasesPage.Row(
                id: item.id, href: "/cases/\(item.id)", opened: format(item.openedAt, text), due: format(item.dueAt, text),
                overdue: item.isOverdue(now: now), firstResponseOverdue: item.isFirstResponseOverdue(now: now),
                location: names.name(.location, item.location ?? "", text: text),
                owner: item.owner.map { names.name(.staff, $0, text: text) } ?? (text["case_unassigned"] ?? "—"),
                status: text["case_status_\(item.status.rawValue)"] ?? item.status.rawValue,
                priority: text["priority_\(item.priority.rawValue)"] ?? item.priority.rawValue, priorityCode: item.priority.rawValue)
            if let source = item.feedbackId.flatMap({ sources[$0] }) {
                row.rating = Self.rating(source, text: text)
                row.reasons = source.reasons.map { labels[$0] ?? $0 }.joined(separator: ", ")
                if let comment = source.comment, !comment.isEmpty {
                    row.comment = comment.count > 140 ? String(comment.prefix(140)) + "…" : comment
                }
            }
            return row
        }
        let statusOptions = [
            SelectOption(code: "", label: text["case_open_all"] ?? "open", selected: query["status"] == nil && !allStatuses),
            SelectOption(code: "all", label: text["cases_status_all"] ?? "all", selected: allStatuses),
        ] + CaseStatus.allCases.map { SelectOption(code: $0.rawValue, label: text["case_status_\($0.rawValue)"] ?? $0.rawValue, selected: query["status"] == $0.rawValue) }
        let allLocations = context.accessScope.isOrganisation ? text["all"] : text["all_of_mine"]
        let locationOptions = [SelectOption(code: "", label: allLocations ?? "", selected: filter.location == nil)]
            + names.codes(.location).filter { context.accessScope.allows(location: $0) }.map { SelectOption(code: $0, label: names.name(.location, $0, text: text), selected: $0 == filter.location) }
        let priorityOptions = [SelectOption(code: "", label: text["all"] ?? "", selected: filter.priorities.isEmpty)]
            + CasePriority.allCases.reversed().map {
                SelectOption(code: $0.rawValue, label: text["priority_\($0.rawValue)"] ?? $0.rawValue, selected: filter.priorities == [$0])
            }
        let kindOptions = [SelectOption(code: "", label: text["all"] ?? "", selected: filter.kinds.isEmpty)]
            + SLAPolicy.CaseType.allCases.map {
                SelectOption(code: $0.rawValue, label: text["case_kind_\($0.rawValue)"] ?? $0.rawValue, selected: filter.kinds == [$0])
            }
        let views = [("", "cases_view_all"), ("mine", "cases_view_mine"), ("unassigned", "cases_view_unassigned")].map { code, key in
            PageLink(href: Self.link(query, setting: ["view": code, "page": ""]), label: text[key] ?? key, current: view == code)
        }
        var page = CasesPage(
            kindOptions: kindOptions, views: views, search: query["q"] ?? "", view: view,
            rows: rows, hasRows: !rows.isEmpty, count: total, statusOptions: statusOptions, locationOptions: locationOptions,
            priorityOptions: priorityOptions, overdueOnly: filter.overdueAt != nil, canAct: context.permits(.workCases),
            staffOptions: try await reference.ownerCodes(names, by: context).map { SelectOption(code: $0, label: names.name(.staff, $0, text: text)) },
            bulkStatusOptions: [CaseStatus.inProgress, .waitingForCustomer].map { Self.option($0, text: text) },
            bulkPriorityOptions: CasePriority.allCases.reversed().map { SelectOption(code: $0.rawValue, label: text["priority_\($0.rawValue)"] ?? $0.rawValue) },
            range: total == 0 ? "0" : "\(filter.offset + 1)–\(filter.offset + items.count)",
            pageNumber: pageNumber, pageCount: pageCount, paged: pageCount > 1,
            order: text[filter.newestFirst ? "cases_order_newest" : "cases_order_due"] ?? "")
        if pageNumber > 1 { page.previous = Self.link(query, setting: ["page": String(pageNumber - 1)]) }
        if pageNumber < pageCount { page.next = Self.link(query, setting: ["page": String(pageNumber + 1)]) }
        page.error = error.map { ErrorText.message($0, text: text, language: language) }
        page.done = done
        return pages.render("cases", page: page, titleKey: "cases", request: request, context: context,
                            status: error == nil ? .ok : .unprocessableContent)
    }

    /// A case status as an option of a drop-down.
    static func option(_ status: CaseStatus, text: [String: String]) -> SelectOption {
        SelectOption(code: status.rawValue, label: text["case_status_\(status.rawValue)"] ?? status.rawValue)
    }

    /// The list's filter from its query; a refused query gives the default filter and the reason.
    static func parseFilter(_ query: [String: String], now: Date) -> (CaseFilter, OtklikError?) {
        do {
            return (try CaseController.filter(query, now: now), nil)
        } catch let failure as OtklikError {
            return (CaseFilter(), failure)
        } catch {
            return (CaseFilter(), OtklikError(.invalidInput, String(describing: error)))
        }
    }

    /// The feedback's scores as a reader says them: "CSAT 2 из 5", "NPS 3 из 10", a button's label.
    static func rating(_ source: Feedback, text: [String: String]) -> String {
        let of = text["of"] ?? "of"
        return [
            source.csat.map { "CSAT \($0) \(of) 5" }, source.nps.map { "NPS \($0) \(of) 10" }, source.ces.map { "CES \($0) \(of) 7" },
            source.button.map { text["button_\($0.rawValue)"] ?? $0.rawValue },
        ].compactMap { $0 }.joined(separator: ", ")
    }

    /// The list's address with some parameters changed (an empty value removes one).
    static func link(_ query: [String: String], setting changes: [String: String]) -> String {
        var merged = query
        for (key, value) in changes { merged[key] = value.isEmpty ? nil : value }
        var components = URLComponents()
        components.path = "/cases"
        components.queryItems = merged.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        return components.string ?? "/cases"
    }

    /// The list's action bar: one action on the ticked cases, all or nothing.
    @Sendable func bulk(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.user, user.role != .viewer else {
            throw OtklikError(.forbidden, "viewers cannot change cases")
        }
        let body = try await request.body.collect(upTo: 256 * 1024)
        var ids: [String] = []
        var fields: [String: String] = [:]
        for pair in String(buffer: body).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            guard let key = parts.first else { continue }
            let value = parts.count > 1 ? parts[1] : ""
            if key == "ids" { ids.append(value) } else { fields[key] = value }
        }
        do {
            guard !ids.isEmpty else { throw OtklikError.invalid("ids", "tick at least one case") }
            try await context.requireVisibleCases(ids, in: cases)
            let action = CaseActionJSON(
                action: fields["action"] ?? "", owner: fields["owner"], text: fields["text"], status: fields["status"], resolutionCode: nil, outcome: nil,
                priority: fields["priority"])
            guard ["assign", "status", "escalate", "priority"].contains(action.action) else {
                throw OtklikError.invalid("action", "choose assign, status, escalate or priority")
            }
            let caseAction = try action.caseAction()
            try await reference.requireAssignable(caseAction, by: context)
            let result = try await cases.applyBulk(
                caseAction, to: ids, actor: user.username, now: Date(), schedule: try await schedule.current(), requestId: nil)
            return Response(status: .seeOther, headers: [.location: "/cases?done=\(result.changed.count)"])
        } catch let error as OtklikError where error.code == .invalidInput || error.code == .notFound {
            return try await renderList(request, context: context, error: error, done: nil)
        }
    }

    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderDetail(request, context: context, error: nil)
    }

    func renderDetail(_ request: Request, context: AppRequestContext, error: OtklikError?) async throws -> Response {
        let (language, text) = pages.text(for: request)
        let id = try context.parameters.require("id")
        let (item, events) = try await context.visibleCase(id, in: cases)
        let names = try await ReferenceNames.load(reference)
        var source: Feedback?
        if let feedbackId = item.feedbackId { source = try await feedback.get(id: feedbackId) }
        let canAct = context.permits(.workCases)
        var page = CasePage(
            id: item.id, status: text["case_status_\(item.status.rawValue)"] ?? item.status.rawValue, isOpen: item.status.isOpen,
            opened: format(item.openedAt, text), due: format(item.dueAt, text), overdue: item.isOverdue(now: Date()),
            owner: item.owner.map { names.name(.staff, $0, text: text) } ?? (text["case_unassigned"] ?? "—"), ownerCode: item.owner ?? "",
            location: names.name(.location, item.location ?? "", text: text), canAct: canAct,
            priority: text["priority_\(item.priority.rawValue)"] ?? item.priority.rawValue, priorityCode: item.priority.rawValue,
            priorityOptions: CasePriority.allCases.reversed().filter { $0 != item.priority }
                .map { SelectOption(code: $0.rawValue, label: text["priority_\($0.rawValue)"] ?? $0.rawValue) },
            events: events.map { event in
                CasePage.Event(
                    at: format(event.at, text), actor: event.actor, kind: text["case_event_\(event.kind.rawValue)"] ?? event.kind.rawValue,
                    text: eventText(event, text: text, names: names))
            },
            followUps: FollowUp.allCases.map { SelectOption(code: $0.rawValue, label: text["follow_up_\($0.rawValue)"] ?? $0.rawValue) },
            resolutionCodes: FeedbackCase.resolutionCodes.map { SelectOption(code: $0, label: text["resolution_\($0)"] ?? $0) },
            statusOptions: [CaseStatus.inProgress, .waitingForCustomer, .closed].filter { $0 != item.status }.map { Self.option($0, text: text) },
            staffOptions: try await reference.ownerCodes(names, by: context).map {
                SelectOption(code: $0, label: names.name(.staff, $0, text: text), selected: $0 == item.owner)
            },
            canEscalate: item.status.isOpen && item.escalationLevel < FeedbackCase.escalationRoles.count - 1,
            kind: text["case_kind_\(item.kind.rawValue)"] ?? item.kind.rawValue)
        page.resolution = item.resolutionCode.map { text["resolution_\($0)"] ?? $0 }
        if let due = item.firstResponseDueAt {
            page.firstResponse = item.firstResponseAt.map { format($0, text) } ?? "\(text["case_first_response_pending"] ?? "pending"), \(text["case_due"] ?? "due") \(format(due, text))"
            page.firstResponseOverdue = item.isFirstResponseOverdue(now: Date())
        }
        if item.escalationLevel > 0 { page.escalation = text["escalation_\(item.escalationLevel)"] ?? "level \(item.escalationLevel)" }
        if item.pausedAt != nil { page.paused = true }
        // The breach line shows the deadline that passed; the detection time is in the history.
        page.breached = item.breachedAt.map { CasePage.Breach(due: format(item.dueAt, text), noticed: format($0, text)) }
        if let done = request.uri.queryParameters.get("done").map({ String($0) }) {
            page.done = text["case_done_\(done)"] ?? text["case_done_saved"] ?? done
        }
        page.calledBack = item.calledBackAt.map { format($0, text) }
        page.error = error.map { ErrorText.message($0, text: text, language: language) }
        if let issueId = item.issueId, let issue = try await employeeVoice.issue(id: issueId) {
            page.issue = CasePage.Issue(
                kind: text["voice_kind_\(issue.kind.rawValue)"] ?? issue.kind.rawValue, text: issue.text,
                staff: issue.staff.map { names.name(.staff, $0, text: text) }, topic: issue.topic)
        }
        if let source {
            let labels = Dictionary(try await reasons.reasons().map { ($0.code, $0.label(language)) }, uniquingKeysWith: { first, _ in first })
            let ratings = [source.csat.map { "CSAT \($0)/5" }, source.nps.map { "NPS \($0)/10" }, source.button.map { text["button_\($0.rawValue)"] ?? $0.rawValue }]
            page.feedback = CasePage.Feedback(
                ts: format(source.ts, text), channel: text["channel_\(source.channel.rawValue)"] ?? source.channel.rawValue,
                contact: canAct ? (source.contact ?? "") : (text["hidden"] ?? "hidden"),
                reasons: source.reasons.isEmpty ? nil : source.reasons.map { labels[$0] ?? $0 }.joined(separator: ", "),
                comment: source.comment.flatMap { $0.isEmpty ? nil : $0 },
                staff: source.staff.map { names.name(.staff, $0, text: text) },
                rating: ratings.compactMap { $0 }.joined(separator: ", "))
            if let playbook = try await playbooks.playbook(forEvents: Playbook.events(for: source)) {
                page.playbook = CasePage.Playbook(
                    title: language == "en" ? playbook.titleEn : playbook.titleRu, tasks: playbook.tasks, phrases: playbook.phrases,
                    hasPhrases: !playbook.phrases.isEmpty)
            }
            if let customer = try await customers.customerID(ofFeedback: source.id) {
                page.customerHref = "/customers/" + (customer.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? customer)
            }
            let history = try await customerHistory(of: source, names: names, text: text, scope: context.accessScope.locationCodes)
            page.history = history
            page.hasHistory = !history.isEmpty
            if let conversation = try await transcripts.conversation(before: source, window: 1_800) {
                page.conversation = CasePage.Conversation(
                    id: conversation.id, started: format(conversation.startedAt, text),
                    turns: conversation.turns.map { turn in
                        CasePage.Conversation.Turn(
                            speaker: text["speaker_\(turn.speaker.rawValue)"] ?? turn.speaker.rawValue, text: turn.text,
                            customer: turn.speaker == .customer)
                    })
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
        _ = try await context.visibleCase(id, in: cases)
        do {
            let action = try form.caseAction()
            try await reference.requireAssignable(action, by: context)
            _ = try await cases.apply(action, to: id, actor: user.username, now: Date(), schedule: try await schedule.current())
        } catch let error as OtklikError where error.code == .invalidInput {
            return try await renderDetail(request, context: context, error: error)
        }
        // The page says what was done: `?done=assign` shows "Ответственный назначен".
        let done = form.action.allSatisfy { $0.isLetter || $0 == "_" } ? form.action : "saved"
        return Response(status: .seeOther, headers: [.location: "/cases/\(id)?done=\(done)"])
    }

    /// The customer's other feedback (same contact, or same customer id), newest first, with their cases.
    /// A scoped user sees only the history at their locations (`scope`, nil = all).
    func customerHistory(of source: Feedback, names: ReferenceNames, text: [String: String], scope: Set<String>?) async throws -> [CasePage.HistoryRow] {
        var seen: [String: Feedback] = [:]
        for var filter in [source.contact.map { FeedbackFilter(contact: $0) }, source.customer.map { FeedbackFilter(customer: $0) }].compactMap({ $0 }) {
            filter.scopeLocations = scope
            for item in try await feedback.list(filter, after: nil, limit: 20).items where item.id != source.id { seen[item.id] = item }
        }
        return seen.values.sorted { $0.ts > $1.ts }.prefix(20).map { item in
            CasePage.HistoryRow(
                ts: format(item.ts, text), location: names.name(.location, item.location ?? "", text: text),
                rating: [item.csat.map { "CSAT \($0)/5" }, item.nps.map { "NPS \($0)/10" }].compactMap { $0 }.joined(separator: ", "),
                comment: item.comment ?? "", caseHref: item.kind == .complaint ? "/cases/case-\(item.id)" : nil)
        }
    }

    /// An event's detail in the reader's language: a resolution code becomes its label, an escalation line
    /// ("level 1 (manager): S007 — deadline passed") the level's name, the person and the reason.
    func eventText(_ event: CaseEvent, text: [String: String], names: ReferenceNames) -> String {
        guard let detail = event.text else { return "" }
        if event.kind == .escalated, let line = EscalationLine(detail) { return line.text(text, names: names) }
        if event.kind == .replanned { return replannedText(detail, text: text) }
        if (event.kind == .opened || event.kind == .assigned), names.codes(.staff).contains(detail) {
            return "\(names.name(.staff, detail, text: text)) (\(detail))"
        }
        if event.kind == .status || event.kind == .priority {
            return text["case_status_\(detail)"] ?? text["priority_\(detail)"] ?? detail
        }
        guard event.kind == .resolved else { return detail }
        let parts = detail.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        let label = text["resolution_\(parts[0])"] ?? parts[0]
        return parts.count > 1 ? "\(label): \(parts[1])" : label
    }

    /// "policy 'VIP'; first response by 2026-11-09T13:17:40Z; resolution by …" in the reader's language and time zone.
    func replannedText(_ detail: String, text: [String: String]) -> String {
        let iso = ISO8601DateFormatter()
        return detail.components(separatedBy: "; ").map { part -> String in
            if part == "default targets" { return text["case_replanned_default"] ?? part }
            if let match = part.wholeMatch(of: /policy '(.*)'/) { return "\(text["case_replanned_policy"] ?? "policy") «\(match.1)»" }
            if let match = part.wholeMatch(of: /first response by (.*)/), let date = iso.date(from: String(match.1)) {
                return "\(text["case_replanned_first_response"] ?? "first response by") \(format(date, text))"
            }
            if let match = part.wholeMatch(of: /resolution by (.*)/), let date = iso.date(from: String(match.1)) {
                return "\(text["case_replanned_resolution"] ?? "resolution by") \(format(date, text))"
            }
            return part
        }.joined(separator: "; ")
    }

    func format(_ date: Date, _ text: [String: String]) -> String { PageDate.moment(date, timeZone: timeZone, text: text) }
}
