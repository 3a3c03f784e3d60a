import Hummingbird
import OtklikCore

/// Which permission each route needs, declared in one table per route group rather than checked in each handler.
/// A rule matches a method (any when nil) and a path prefix relative to the group, segment by segment, `{…}`
/// matching any one segment (`cases` matches `cases`, `cases/C1` and `cases/bulk`); the first match wins; otherwise reads need ``readDefault`` and writes
/// ``writeDefault``. A route added later falls under the defaults: readable by every reader, writable only by
/// those who change the configuration.
struct RoutePermissions: Sendable {
    struct Rule: Sendable {
        var methods: Set<HTTPRequest.Method>?
        var prefix: String
        var permission: Permission
    }

    /// The group's path, stripped before matching (`/api/v1/`).
    var base: String
    var rules: [Rule]
    var readDefault: Permission
    var writeDefault: Permission
    /// The routes that filter what they answer by the caller's ``AccessScope`` (rules whose permission is unused).
    /// Each matches whole paths (`cases/{id}` is not `cases/{id}/actions`). A caller scoped to regions or locations
    /// gets 403 on every other route of the group: a route that does not yet filter by location is closed to them
    /// rather than open to every location. `""` is the group's root.
    var scopedRoutes: [Rule] = []
    /// Whole paths a `{…}` of ``scopedRoutes`` would match but that do not filter by scope (`customers/at-risk` is not
    /// a customer's id): they stay closed to scoped callers.
    var unscopedPaths: Set<String> = []
    /// Routes whose figures cannot honestly be limited to some locations (they span each customer's whole history or
    /// the whole organisation): a scoped caller is refused with 422, the field naming why (`scope_churn`), rather than
    /// the generic 403. Matched by prefix, as ``rules``.
    var organisationOnly: [OrganisationOnly] = []

    struct OrganisationOnly: Sendable {
        var prefix: String
        var field: String
        var message: String
        /// The methods refused (nil: every method), so a route may be read by a scoped caller but not changed.
        var methods: Set<HTTPRequest.Method>? = nil

        /// The same reason for the writes under `prefix` only.
        func writes() -> Self {
            var copy = self
            copy.methods = RoutePermissions.writes
            return copy
        }
    }

    /// The reason a scoped caller may not use the route, if it is one of ``organisationOnly``.
    func organisationOnlyReason(method: HTTPRequest.Method, path: String) -> OrganisationOnly? {
        let segments = relativeSegments(path)
        return organisationOnly.first { Self.matches(Rule(methods: $0.methods, prefix: $0.prefix, permission: .readFeedback), method: method, segments) }
    }

    func required(method: HTTPRequest.Method, path: String) -> Permission {
        let segments = relativeSegments(path)
        for rule in rules where Self.matches(rule, method: method, segments) { return rule.permission }
        return Self.reads.contains(method) ? readDefault : writeDefault
    }

    /// Whether the route filters by the caller's scope (see ``scopedRoutes``).
    func appliesScope(method: HTTPRequest.Method, path: String) -> Bool {
        let segments = relativeSegments(path)
        if unscopedPaths.contains(segments.joined(separator: "/")) { return false }
        return scopedRoutes.contains { rule in
            rule.prefix.split(separator: "/").count == segments.count
                && (rule.prefix.isEmpty ? rule.methods?.contains(method) ?? true : Self.matches(rule, method: method, segments))
        }
    }

    private func relativeSegments(_ path: String) -> [Substring] {
        let relative = path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
        return relative.split(separator: "/", omittingEmptySubsequences: true)
    }

    private static func matches(_ rule: Rule, method: HTTPRequest.Method, _ segments: [Substring]) -> Bool {
        guard rule.methods.map({ $0.contains(method) }) ?? true else { return false }
        let pattern = rule.prefix.split(separator: "/")
        guard !pattern.isEmpty, segments.count >= pattern.count else { return false }
        return zip(pattern, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
    }

    static let reads: Set<HTTPRequest.Method> = [.get, .head, .options]
    static let writes: Set<HTTPRequest.Method> = [.post, .put, .patch, .delete]

    private static func read(_ prefix: String, _ permission: Permission) -> Rule { Rule(methods: reads, prefix: prefix, permission: permission) }
    private static func write(_ prefix: String, _ permission: Permission) -> Rule { Rule(methods: writes, prefix: prefix, permission: permission) }
    private static func any(_ prefix: String, _ permission: Permission) -> Rule { Rule(methods: nil, prefix: prefix, permission: permission) }

    /// `/api/v1`.
    static let api = RoutePermissions(
        base: "/api/v1/",
        rules: [
            any("audit", .readAudit),
            any("users", .manageAccess),
            any("apikeys", .manageAccess),
            // Who gets the monthly report by e-mail: addresses, read and changed by those who configure.
            any("report-subscriptions", .changeConfiguration),
            // An offered interaction's sampling decision carries its invitation's link: read by those who may offer.
            read("surveys/{code}/interactions", .changeConfiguration),
            // Analyses that compute and store nothing: readers may call them.
            write("text/sentiment", .readFeedback), write("text/readability", .readFeedback),
            write("text/check-standard", .readFeedback), write("text/themes", .readFeedback),
            // Data from the organisation's systems.
            write("feedback", .writeFeedback), write("interactions", .writeFeedback), write("transactions", .writeFeedback),
            write("transcripts", .writeFeedback), write("requests", .writeFeedback), write("agent-states", .writeFeedback),
            write("acquisition-costs", .writeFeedback), write("customers/import", .writeFeedback),
            write("customers/consents", .writeFeedback), write("deliveries/reports", .writeFeedback),
            write("deliveries/dsn", .writeFeedback),
            write("employee-issues", .writeFeedback), write("mystery/visits", .writeFeedback), write("mystery/results", .writeFeedback),
            // Thanks between colleagues, from staff apps and integrations.
            write("recognitions", .writeFeedback),
            // Casework.
            read("cases", .readCases), read("problems", .readCases), read("alerts", .readCases), read("notifications", .readCases),
            write("cases", .workCases), write("problems", .workCases), write("alerts", .workCases), write("notifications", .workCases),
            write("customers/review", .workCases), write("customers/merges", .workCases), write("customers/{id}/preferences", .workCases),
            // Personal data: contacts and exports. Other writes under customers (erasure, unmerging) fall to the
            // default, change_configuration.
            read("customers", .readPersonalData),
        ],
        readDefault: .readFeedback, writeDefault: .changeConfiguration,
        scopedRoutes: [
            any("feedback", .readFeedback), read("feedback/{id}", .readFeedback), read("metrics", .readFeedback),
            read("cases", .readCases), read("cases/{id}", .readCases), write("cases/{id}/actions", .workCases), write("cases/bulk", .workCases),
            read("regions", .readFeedback), read("locations", .readFeedback), read("staff", .readFeedback), read("services", .readFeedback),
            read("customers", .readPersonalData), read("customers/{id}", .readPersonalData),
            read("alerts", .readCases), read("alerts/{id}", .readCases), write("alerts/{id}/acknowledge", .workCases),
            write("alerts/{id}/close", .workCases), read("surveys/{code}/results", .readFeedback),
            read("attrition", .readFeedback), any("recognitions", .readFeedback),
            read("surveys/{code}/responses.csv", .readFeedback), read("surveys/{code}/invitations", .readFeedback),
            read("surveys/{code}/invitations/{id}", .readFeedback), read("customers/{id}/export", .readPersonalData),
            read("bonus", .readFeedback), read("bonus/formula", .readFeedback), read("bonus/export.csv", .readFeedback),
            read("bonus/export.xlsx", .readFeedback), read("bonus/staff/{code}", .readFeedback),
            // Filtered to the scope's locations (issue 21 item 3): problems, mystery shopping, the dissatisfaction
            // model and compliance; the stateless text analyses store and read nothing; survey definitions and the
            // mystery checklists are the organisation's reference, read by all.
            read("problems", .readCases), read("problems/{id}", .readCases), write("problems/{id}/actions", .workCases),
            read("mystery/visits", .readFeedback), write("mystery/visits", .writeFeedback), write("mystery/results", .writeFeedback),
            read("mystery/scores", .readFeedback), read("mystery/checklists", .readFeedback),
            read("dissatisfaction", .readFeedback), read("compliance", .readFeedback),
            write("text/sentiment", .readFeedback), write("text/readability", .readFeedback),
            write("text/check-standard", .readFeedback), write("text/themes", .readFeedback),
            read("surveys", .readFeedback), read("surveys/{code}", .readFeedback),
            // A feedback's conversation (a transcript at its location) and playbook (the organisation's standard for it),
            // transcripts, interactions and transactions: another location's 404, one without a location 422
            // (scope_no_location); written by a scoped key only at its locations; the deliveries of survey invitations
            // at its locations (a programme message, which carries no location, 422 scope_programmes).
            read("feedback/{id}/conversation", .readFeedback), read("feedback/{id}/playbook", .readFeedback),
            write("transcripts", .writeFeedback), read("transcripts/{id}", .readFeedback),
            write("interactions", .writeFeedback), read("interactions/{id}", .readFeedback),
            write("transactions", .writeFeedback), read("transactions/{id}", .readFeedback),
            read("deliveries", .readFeedback), read("deliveries/{id}", .readFeedback),
            // The reference data, read whole by every reader as the lists are: one region, location, staff member or service.
            read("regions/{code}", .readFeedback), read("locations/{code}", .readFeedback), read("staff/{code}", .readFeedback),
            read("services/{code}", .readFeedback),
            // Writes that carry a location, taken from a scoped key only at its locations (403 naming the field): service
            // requests, agent states (by the agent's service point, `staff.location`), an employee's issue; a status link
            // for a case it sees (another location's is 404), or for a service request at its locations (another's is 404); the
            // notifications of its locations' staff.
            write("requests", .writeFeedback), write("requests/{id}/status-link", .writeFeedback), write("agent-states", .writeFeedback),
            write("employee-issues", .writeFeedback),
            write("cases/{id}/status-link", .workCases), read("notifications", .readCases), write("notifications/read", .workCases),
        ],
        unscopedPaths: ["customers/review", "customers/acquisition", "customers/at-risk", "customers/merges", "customers/import", "customers/consents"],
        organisationOnly: [
            .churn("customers/at-risk"), .churn("customers/{id}/churn"), .segments("segments"), .journeys("journeys"), .initiatives("initiatives"),
            .acquisition("customers/acquisition"), .acquisition("acquisition-costs"), .customerValue("customers/{id}/value"),
            .experiments("experiments"), .programmes("programmes"), .employeeExperience("pulse-surveys"),
            .lifeSituations("life-situations"), .surveys("surveys").writes(), .surveys("surveys/{code}/interactions"),
            .configuration("themes"), .configuration("playbooks"), .configuration("webhooks"), .configuration("devices"),
            .configuration("reasons"), .configuration("calendar"), .configuration("text/model"), .configuration("text/labels"),
            .configuration("report-subscriptions"), .configuration("mystery/checklists").writes(), .configuration("bonus/formula").writes(),
            .deliveryReports("deliveries/reports"), .deliveryReports("deliveries/dsn"),
            .configuration("assignment-rules"), .configuration("escalation-rules"), .configuration("sla-policies"), .configuration("targets"),
            .configuration("regions").writes(), .configuration("locations").writes(), .configuration("staff").writes(),
            .configuration("services").writes(),
            // A customer's identity spans the organisation: who is the same person, their consents and preferences, the
            // bulk import and the erasure concern them at every service point.
            .customers("customers/review"), .customers("customers/merges"), .customers("customers/import"),
            .customers("customers/consents"), .customers("customers/{id}/preferences"), .customers("customers/{id}/erase"),
        ])

    /// The dashboard's pages (after sign-in).
    static let pages = RoutePermissions(
        base: "/",
        rules: [
            any("admin/users", .manageAccess), any("audit", .readAudit),
            read("cases", .readCases), read("problems", .readCases), read("alerts", .readCases),
            write("cases", .workCases), write("problems", .workCases), write("alerts", .workCases),
            // Marking one's own notifications read is not casework: every reader may.
            write("notifications", .readFeedback),
            write("customers/review", .workCases), write("mystery/results", .writeFeedback),
            // Thanking a colleague is not configuration: every signed-in user linked to a staff member may.
            write("recognition", .readFeedback),
        ],
        readDefault: .readFeedback, writeDefault: .changeConfiguration,
        scopedRoutes: [
            any("recognition", .readFeedback), read("staff/{code}", .readFeedback),
            read("", .readFeedback), read("cases", .readCases), read("cases/{id}", .readCases), write("cases/{id}", .workCases),
            write("cases/bulk", .workCases), any("notifications", .readFeedback),
            read("customers", .readFeedback), read("customers/{id}", .readFeedback),
            read("reports/monthly", .readFeedback), read("reports/monthly.pdf", .readFeedback), read("reports/monthly.xlsx", .readFeedback),
            read("contact-centre", .readFeedback), read("public-services", .readFeedback), read("case-reports", .readFeedback),
            read("alerts", .readCases), read("alerts/live", .readCases), write("alerts/{id}/acknowledge", .workCases),
            write("alerts/{id}/close", .workCases), read("surveys", .readFeedback), read("surveys/{code}", .readFeedback),
            read("surveys/{code}/responses.csv", .readFeedback), read("bonus", .readFeedback), read("bonus/export.csv", .readFeedback),
            read("bonus/export.xlsx", .readFeedback), read("my-results", .readFeedback),
            // Filtered to the scope's locations (issue 21 item 3).
            read("problems", .readCases), read("problems/{id}", .readCases), write("problems/{id}", .workCases),
            read("mystery", .readFeedback), read("mystery/visits/{id}", .readFeedback),
            read("mystery/visits/{id}/photos/{item}/{n}", .readFeedback), write("mystery/results", .writeFeedback),
            read("dissatisfaction", .readFeedback), read("themes/discovered", .readFeedback), read("service-points", .readFeedback),
            // What the filtered pages load: the mystery form's offline script (no data) and a feedback survey's QR code
            // (its public link, the same for every service point) on the survey page.
            read("static/mystery.js", .readFeedback), read("surveys/{code}/qr.svg", .readFeedback),
        ],
        unscopedPaths: ["customers/review", "customers/at-risk", "surveys/new"],
        organisationOnly: [
            .churn("customers/at-risk"), .segments("segments"), .journeys("journeys"), .initiatives("initiatives"), .experiments("experiments"),
            .maturity("assessment"), .programmes("programmes"), .employeeExperience("employee-experience"), .lifeSituations("life-situations"),
            .surveys("surveys/new"), .surveys("surveys/{code}/edit"), .surveys("surveys").writes(),
            .configuration("playbooks"), .configuration("comments/label"), .configuration("themes/discovered").writes(),
            .customers("customers/review"), .customers("customers/{id}/unmerge"),
            .configuration("bonus/formula").writes(), .configuration("reports/subscriptions").writes(), .audit("audit"),
        ])
}

extension RoutePermissions.OrganisationOnly {
    static func churn(_ prefix: String) -> Self {
        Self(
            prefix: prefix, field: "scope_churn",
            message: "churn risk is computed from each customer's purchases at every location by a model fitted on the whole organisation, "
                + "so it cannot be limited to some locations; ask a CX director or an administrator, or use a key over the whole organisation")
    }

    static func journeys(_ prefix: String) -> Self {
        Self(
            prefix: prefix, field: "scope_journeys",
            message: "a journey follows each customer across channels and service points, and its stages' conversion and drop-out are counted over "
                + "the whole path, so they cannot be limited to some locations; ask a CX director or an administrator, or use a key over the whole organisation")
    }

    static func initiatives(_ prefix: String) -> Self {
        Self(
            prefix: prefix, field: "scope_initiatives",
            message: "an initiative's effect compares the service points where it ran with the others (difference in differences) and its cost is "
                + "the organisation's, so it cannot be limited to some locations; ask a CX director or an administrator, or use a key over the whole organisation")
    }

    static func acquisition(_ prefix: String) -> Self {
        Self(
            prefix: prefix, field: "scope_acquisition",
            message: "acquisition figures divide the organisation's marketing spend by channel, which has no service point, by the customers it "
                + "brought, so they cannot be limited to some locations; ask a CX director or an administrator, or use a key over the whole organisation")
    }

    static func customerValue(_ prefix: String) -> Self {
        Self(
            prefix: prefix, field: "scope_value",
            message: "a customer's value is computed from their purchases at every service point by a model fitted on the whole organisation, so it "
                + "cannot be limited to some locations; ask a CX director or an administrator, or use a key over the whole organisation")
    }

    static func segments(_ prefix: String) -> Self {
        Self(
            prefix: prefix, field: "scope_segments",
            message: "segments are defined on each customer's whole history (purchases, value and churn risk at every location), so their "
                + "members and figures cannot be limited to some locations; ask a CX director or an administrator, or use a key over the whole organisation")
    }

    static func experiments(_ prefix: String) -> Self {
        Self(
            prefix: prefix, field: "scope_experiments",
            message: "an experiment is registered and analysed over the whole organisation (its units — customers, staff, teams, days — span "
                + "every location), so it cannot be limited to some locations; ask a CX director or an administrator, or use a key over the whole organisation")
    }

    static func maturity(_ prefix: String) -> Self {
        Self(
            prefix: prefix, field: "scope_maturity",
            message: "the maturity assessment rates the organisation's customer-experience practice as a whole (its strategy, governance, "
                + "methods and everyone's use of the dashboard), so it has no version for some locations; ask a CX director or an administrator")
    }

    static func programmes(_ prefix: String) -> Self {
        Self(
            prefix: prefix, field: "scope_programmes",
            message: "a programme's triggers, messages and figures run over the organisation's customers wherever they were served, and its "
                + "messages carry no service point, so they cannot be limited to some locations; ask a CX director or an administrator, "
                + "or use a key over the whole organisation")
    }

    static func employeeExperience(_ prefix: String) -> Self {
        Self(
            prefix: prefix, field: "scope_employee_experience",
            message: "the pulse surveys' anonymity is kept over the whole organisation: a team below the anonymity threshold is hidden, and a "
                + "second one with it so that it cannot be worked out from the total; figures for some locations only could be subtracted "
                + "from the organisation's to reveal a hidden team, so they are not given; ask a CX director or an administrator")
    }

    static func lifeSituations(_ prefix: String) -> Self {
        Self(
            prefix: prefix, field: "scope_life_situations",
            message: "a life situation is detected from each customer's requests and events at every service point, and its figures "
                + "(customers, precision and recall against the labels) are counted over the whole organisation, so they cannot be limited "
                + "to some locations; ask a CX director or an administrator, or use a key over the whole organisation")
    }

    static func deliveryReports(_ prefix: String) -> Self {
        Self(
            prefix: prefix, field: "scope_deliveries",
            message: "a provider's delivery reports and a mail server's delivery notifications are about messages to customers of every service "
                + "point, found by the provider's message id, and programme messages carry no service point, so they are not taken from a key "
                + "limited to some locations; send them with a key over the whole organisation")
    }

    static func surveys(_ prefix: String) -> Self {
        Self(
            prefix: prefix, field: "scope_surveys",
            message: "a survey's questions, its sending and its closing are the organisation's: one questionnaire is sent to customers of "
                + "every service point, so it is not edited or sent for some locations; its results and responses are filtered to yours; "
                + "ask a CX director or an administrator")
    }

    static func customers(_ prefix: String) -> Self {
        Self(
            prefix: prefix, field: "scope_customers",
            message: "a customer's identity is the organisation's: which records are the same person (the review queue, merges and their "
                + "undoing), their consents and contact preferences, the customer import and the erasure concern the customer at every "
                + "service point, so they are not changed for some locations; ask a CX director or an administrator, or use a key over "
                + "the whole organisation")
    }

    static func audit(_ prefix: String) -> Self {
        Self(
            prefix: prefix, field: "scope_audit",
            message: "the audit log records who read or changed personal data at every service point and who changed users' roles, "
                + "so it is the organisation's and not shown for some locations; ask an administrator over the whole organisation")
    }

    static func configuration(_ prefix: String) -> Self {
        Self(
            prefix: prefix, field: "scope_configuration",
            message: "the configuration (themes, playbooks, checklists, reasons, the calendar, devices, webhooks, text models, the bonus "
                + "formula, assignment and escalation rules, SLA policies, targets, the regions, locations, staff and services) is the "
                + "organisation's: a change applies at every service point, so it is not made for some locations; "
                + "ask a CX director or an administrator, or use a key over the whole organisation")
    }
}
