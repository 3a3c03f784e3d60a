import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikStore

/// Employee voice (seed 001, 2e-2f). `/voice`: a plain form (no login, no script; limited per client address) where
/// an employee raises an issue or an idea about an internal process; `/voice/status/{token}`: the status link they
/// keep, which tells them what happened and how it was resolved. `POST /api/v1/employee-issues` does the same
/// for staff apps. Each issue opens a case of kind `employee` that follows the loop of complaints.
struct EmployeeVoiceController {
    let database: AppDatabase
    let schedule: CaseScheduleSource
    let pages: PageRenderer
    let publicURL: String?
    /// Messages per client address (``ClientLimits/voice``, shared by the servers on one PostgreSQL).
    let limits: ClientLimits
    /// The case writes of the server: after an issue opens its case, starts the consumers that write its webhook and
    /// notification.
    let cases: FollowedCaseRepository

    func addRoutes(pages router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        router.get("voice", use: form)
        router.post("voice", use: submitForm)
        router.get("voice/status/{token}", use: status)
        api.post("employee-issues", use: submitAPI)
    }

    func formPage(_ request: Request, context: AppRequestContext, error: OtklikError?, draft: [String: String]) async throws -> Response {
        let language = pages.localizer.language(for: request)
        let locations = try await database.reference.locations()
        let page = VoicePage(
            id: draft["id"] ?? UUID().uuidString.lowercased(), text: draft["text"] ?? "", staff: draft["staff"] ?? "",
            isIdea: draft["kind"] == "idea",
            locations: [SelectOption(code: "", label: "—", selected: (draft["location"] ?? "").isEmpty)]
                + locations.map { SelectOption(code: $0.code, label: $0.name, selected: $0.code == draft["location"]) },
            locationName: pages.localizer.text("voice_title", language), error: error?.message)
        return pages.render(
            "voice", page: page, titleKey: "voice_title", request: request, context: context,
            status: error == nil ? .ok : .unprocessableContent)
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await formPage(request, context: context, error: nil, draft: [:])
    }

    static func issue(_ fields: [String: String]) throws(OtklikError) -> EmployeeIssue {
        func optional(_ key: String) -> String? { fields[key].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 } }
        guard let kind = EmployeeIssue.Kind(rawValue: fields["kind"] ?? "issue") else { throw .invalid("kind", "kind must be issue or idea") }
        return EmployeeIssue(
            id: fields["id"] ?? "", kind: kind, staff: optional("staff"), location: optional("location"), topic: optional("topic"), text: fields["text"] ?? "")
    }

    @Sendable func submitForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard try await limits.voice.allow(limits.client(request, context: context)) else {
            throw OtklikError(.tooManyRequests, "too many messages from this device; wait a minute and send again")
        }
        let body = try await request.body.collect(upTo: 64 * 1024)
        var fields: [String: String] = [:]
        for pair in String(buffer: body).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
            if let key = parts.first { fields[key] = parts.count > 1 ? parts[1] : "" }
        }
        do {
            let (_, token, _) = try await database.employeeVoice.submit(try Self.issue(fields), schedule: try await schedule.current(), now: Date())
            await cases.follow()
            return Response(status: .seeOther, headers: [.location: "/voice/status/\(token)"])
        } catch let error as OtklikError where error.code == .invalidInput || error.code == .conflict {
            return try await formPage(request, context: context, error: error, draft: fields)
        }
    }

    struct IssueJSON: Decodable {
        var id: String
        var kind: String?
        var staff: String?
        var location: String?
        var topic: String?
        var text: String
    }

    struct SubmittedJSON: Encodable {
        var id: String
        var caseId: String
        var statusURL: String
        var repeated: Bool

        enum CodingKeys: String, CodingKey { case id, caseId = "case_id", statusURL = "status_url", repeated }
    }

    @Sendable func submitAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(IssueJSON.self, from: request, context: context)
        var fields = ["id": body.id, "text": body.text, "kind": body.kind ?? "issue"]
        fields["staff"] = body.staff
        fields["location"] = body.location
        fields["topic"] = body.topic
        let issue = try Self.issue(fields)
        // The issue's case is at its location: a key limited to some locations raises issues only at them (403 naming location).
        try context.requireWritable(location: issue.location, field: "location")
        let (opened, token, repeated) = try await database.employeeVoice.submit(issue, schedule: try await schedule.current(), now: Date())
        await cases.follow()
        return JSONResponse.make(
            repeated ? .ok : .created,
            SubmittedJSON(id: body.id, caseId: opened.id, statusURL: (publicURL ?? "") + "/voice/status/\(token)", repeated: repeated))
    }

    @Sendable func status(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, text) = pages.text(for: request)
        let token = try context.parameters.require("token")
        guard let found = try await database.employeeVoice.status(token: token) else {
            throw OtklikError(.notFound, "no such status link")
        }
        let item = found.caseItem
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        let page = VoiceStatusPage(
            kind: text["voice_kind_\(found.issue.kind.rawValue)"] ?? found.issue.kind.rawValue, text: found.issue.text,
            created: formatter.string(from: found.createdAt), status: text["voice_status_\(item.status.rawValue)"] ?? item.status.rawValue,
            resolved: !item.status.isOpen, locationName: text["voice_title"] ?? "",
            resolution: item.resolutionCode.map { text["resolution_\($0)"] ?? $0 },
            note: found.resolutionNote.flatMap { $0.isEmpty ? nil : $0 })
        return pages.render("voice-status", page: page, titleKey: "voice_status_title", request: request, context: context)
    }
}
