import Foundation
import OtklikCore
import OtklikStore

/// The administrators' audit log page (`/audit`, `audit.mustache`): who viewed or changed personal data (and users'
/// roles), when and what — the entries `GET /api/v1/audit` lists, newest first — filtered by customer, by who, by
/// action and by period, a page of ``AuditLogPage/pageSize`` at a time, each customer linked to their page while they
/// are held.
struct AuditLogPage: Sendable {
    static let pageSize = 50

    let rows: [Row]
    let hasRows: Bool
    /// The entries matching the filters, in all.
    let total: Int
    /// Which of them are shown ("1–50").
    let range: String
    let filters: Filters
    let actors: [SelectOption]
    let actions: [SelectOption]
    let filtered: Bool
    let pageNumber: Int
    let pageCount: Int
    let paged: Bool
    var previous: String?
    var next: String?

    struct Row: Sendable {
        let id: String
        /// When, the page's way in the organisation's time zone, and as ISO for `<time datetime>`.
        let at: String
        let iso: String
        /// Who, in words ("User boss", "API key crm"), and as stored (`user:boss`).
        let actor: String
        let actorCode: String
        let action: String
        /// The customer or user concerned, and their page while there is one.
        let subject: String
        let subjectHref: String?
        /// What happened, in the page's language (``AuditDetailText``).
        let detail: String?
        /// An older entry's detail in none of the known forms: shown as stored, marked so.
        let storedDetail: String?
    }

    /// The filters as written in the form (days as `yyyy-MM-dd`).
    struct Filters: Sendable, Equatable {
        var customer = ""
        var actor = ""
        var action = ""
        var from = ""
        var to = ""

        /// The query string of these filters (empty ones left out) and an offset.
        func query(offset: Int) -> String {
            var components = URLComponents()
            components.queryItems = [("customer", customer), ("actor", actor), ("action", action), ("from", from), ("to", to)]
                .filter { !$0.1.isEmpty }.map { URLQueryItem(name: $0.0, value: $0.1) }
                + (offset > 0 ? [URLQueryItem(name: "offset", value: String(offset))] : [])
            // `+` in a value would read back as a space.
            return (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        }

        var isEmpty: Bool { self == Filters() }
    }

    /// The page of `entries` (`offset` into `total`) under `filters`: `actors` are those the log holds, `heldCustomers`
    /// the entries' customers that still exist, `users` the dashboard users.
    static func make(
        entries: [AuditEntry], total: Int, offset: Int, filters: Filters, actors: [String], heldCustomers: Set<String>, users: Set<String>,
        text: [String: String], timeZone: TimeZone
    ) -> AuditLogPage {
        let rows = entries.map { entry in
            Row(
                id: entry.id, at: PageDate.moment(entry.at, timeZone: timeZone, text: text), iso: Timestamp.format(entry.at),
                actor: actorLabel(entry.actor, text: text), actorCode: entry.actor, action: text["audit_action_\(entry.action)"] ?? entry.action,
                subject: subjectLabel(entry, text: text), subjectHref: subjectHref(entry, heldCustomers: heldCustomers, users: users),
                detail: entry.facts.map { AuditDetailText.words($0, text: text) },
                storedDetail: entry.facts == nil ? entry.detail.flatMap { $0.isEmpty ? nil : $0 } : nil)
        }
        let pageCount = max(1, (total + pageSize - 1) / pageSize)
        let pageNumber = min(offset / pageSize + 1, pageCount)
        var chosenActors = actors
        if !filters.actor.isEmpty, !chosenActors.contains(filters.actor) { chosenActors.append(filters.actor) }
        var page = AuditLogPage(
            rows: rows, hasRows: !rows.isEmpty, total: total,
            range: rows.isEmpty ? "0" : "\(offset + 1)–\(offset + rows.count)", filters: filters,
            actors: [SelectOption(code: "", label: text["audit_everyone"] ?? "Everyone", selected: filters.actor.isEmpty)]
                + chosenActors.map { SelectOption(code: $0, label: actorLabel($0, text: text), selected: $0 == filters.actor) },
            actions: [SelectOption(code: "", label: text["audit_any_action"] ?? "Any", selected: filters.action.isEmpty)]
                + AuditEntry.actions.map { SelectOption(code: $0, label: text["audit_action_\($0)"] ?? $0, selected: $0 == filters.action) },
            filtered: !filters.isEmpty, pageNumber: pageNumber, pageCount: pageCount, paged: offset > 0 || offset + rows.count < total)
        if offset > 0 { page.previous = "/audit?" + filters.query(offset: max(0, offset - pageSize)) }
        if offset + rows.count < total { page.next = "/audit?" + filters.query(offset: offset + pageSize) }
        return page
    }

    /// `user:NAME` as "User NAME", `api:NAME` as "API key NAME", `cli` as "Command line", `system` (the retention round)
    /// as "The system"; anything else as stored.
    static func actorLabel(_ actor: String, text: [String: String]) -> String {
        if actor.hasPrefix("user:") { return (text["audit_actor_user"] ?? "User") + " " + actor.dropFirst(5) }
        if actor.hasPrefix("api:") { return (text["audit_actor_api"] ?? "API key") + " " + actor.dropFirst(4) }
        if actor == "cli" { return text["audit_actor_cli"] ?? "Command line" }
        if actor == "system" { return text["audit_actor_system"] ?? "The system" }
        return actor
    }

    static func subjectLabel(_ entry: AuditEntry, text: [String: String]) -> String {
        switch (entry.subjectKind, entry.subjectId) {
        case ("customer", let id?): return (text["audit_customer"] ?? "Customer") + " " + id
        case ("customer", nil): return text["audit_customers"] ?? "Customers"
        case ("user", let name?): return (text["audit_actor_user"] ?? "User") + " " + name
        case (let kind, let id): return [kind, id].compactMap { $0 }.joined(separator: " ")
        }
    }

    static func subjectHref(_ entry: AuditEntry, heldCustomers: Set<String>, users: Set<String>) -> String? {
        guard let id = entry.subjectId else { return nil }
        switch entry.subjectKind {
        case "customer" where heldCustomers.contains(id):
            return "/customers/" + (id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/", "?", "#", "%"])) ?? id)
        case "user" where users.contains(id): return UsersAdminController.href(id)
        default: return nil
        }
    }
}
