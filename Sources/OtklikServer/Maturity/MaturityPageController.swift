import Foundation
import Hummingbird
import OtklikCore
import OtklikMetrics
import OtklikStore

/// `/assessment`: the CX maturity self-assessment page. Everyone signed in reads it; admins and managers store a new
/// assessment with the form (POST, CSRF-protected like every dashboard form); the previous one stays for the comparison.
struct MaturityPageController {
    let board: MaturityBoard
    let pages: PageRenderer
    let timeZone: TimeZone

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("assessment", use: show)
        group.post("assessment", use: save)
    }

    static func number(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "—" }
    static func signed(_ value: Double?) -> String { value.map { String(format: "%+.1f", $0) } ?? "—" }
    static func percent(_ value: Double?) -> String { value.map { String(format: "%.1f %%", $0 * 100) } ?? "—" }

    func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = timeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        return try await render(
            request, context: context, saved: query.get("saved").map { String($0) }, unchanged: query.get("unchanged").map { String($0) }, error: nil,
            draft: nil)
    }

    func render(
        _ request: Request, context: AppRequestContext, saved: String?, unchanged: String?, error: String?, draft: MaturityAssessment?
    ) async throws -> Response {
        let (language, text) = pages.text(for: request)
        func t(_ key: String) -> String { text[key] ?? key }
        let (current, previous) = try await board.repository.latestTwo()
        let report = MaturityReport(current: current, previous: previous, evidence: try await board.repository.evidence(now: Date()))
        func count(_ key: String, _ value: MaturityReport.Figure) -> String {
            t(key).replacingOccurrences(of: "{n}", with: String(value.assessed)).replacingOccurrences(of: "{of}", with: String(value.items))
        }
        /// In the tables the column says "assessed": "7 of 9"; elsewhere "7 of 9 assessed".
        func figure(_ label: String, _ value: MaturityReport.Figure, countKey: String = "maturity_count_of") -> MaturityPage.Figure {
            MaturityPage.Figure(
                label: label, score: Self.number(value.score), assessed: count(countKey, value), previous: Self.number(value.previousScore),
                change: Self.signed(value.change))
        }
        let domainRows = report.domains.map { figure("\($0.domain). \(language == "en" ? $0.nameEn : $0.nameRu)", $0.figure) }
        let pillarRows = report.pillars.map { pillar in
            figure((language == "en" ? pillar.nameEn : pillar.nameRu) + " (" + pillar.domains.map(String.init).joined(separator: ", ") + ")", pillar.figure)
        }
        var radar: String?
        if current != nil {
            let svg = MaturityRadarSVG(
                title: t("maturity_radar"),
                description: t("maturity_radar_desc") + " " + report.domains.map { domain in
                    "\(domain.domain) \(language == "en" ? domain.nameEn : domain.nameRu): \(Self.number(domain.figure.score))"
                        + (previous != nil ? " (\(t("maturity_previous_short")) \(Self.number(domain.figure.previousScore)))" : "")
                }.joined(separator: "; "),
                labels: report.domains.map { String($0.domain) }, current: report.domains.map(\.figure.score),
                previous: previous == nil ? nil : report.domains.map(\.figure.previousScore), currentLabel: t("maturity_current"),
                previousLabel: t("maturity_previous"))
            radar = svg.render()
        }
        let evidence = report.evidence.map { item in
            MaturityPage.Evidence(
                itemId: item.itemId, title: t("maturity_evidence_\(item.kind)"), definition: t("maturity_evidence_\(item.kind)_def"),
                value: Self.percent(item.share),
                ci: item.ciLow.flatMap { low in item.ciHigh.map { "[\(Self.percent(low)); \(Self.percent($0))]" } } ?? "", n: item.n,
                weekly: item.weeklyUsers.map { "(" + t("maturity_weekly_users") + " " + $0.map(String.init).joined(separator: ", ") + ")" })
        }
        let evidenceByItem = Dictionary(uniqueKeysWithValues: evidence.map { ($0.itemId, $0) })
        let form = draft ?? current
        let notAssessed = t("maturity_not_assessed")
        let domains = MaturityCatalogue.domains.map { domain in
            let row = report.domains[domain.number - 1]
            let items = MaturityCatalogue.items(inDomain: domain.number).map { item in
                let entry = report.items.first { $0.id == item.id }
                let chosen = form?.entry(item.id)
                let held = evidenceByItem[item.id].map { "\($0.title): \($0.value) \($0.ci), n = \($0.n)" }
                return MaturityPage.Item(
                    id: item.id, text: item.text(language), score: entry?.score.map { "\($0) / 4" } ?? notAssessed,
                    previousScore: entry?.previousScore.map { "\($0) / 4" } ?? "—", note: (entry?.evidenceNote).flatMap { $0.isEmpty ? nil : $0 },
                    otklikEvidence: held, capability: MaturityCatalogue.capability(item.id, language),
                    options: [MaturityPage.Option(value: "", label: notAssessed, selected: chosen?.score == nil)]
                        + (0...4).map { MaturityPage.Option(value: String($0), label: "\($0) — \(t("maturity_level_\($0)"))", selected: chosen?.score == $0) },
                    noteValue: chosen?.evidence ?? "")
            }
            return MaturityPage.Domain(
                number: domain.number, name: domain.name(language), pillar: domain.pillar.name(language), score: Self.number(row.figure.score),
                assessed: count("maturity_assessed_of", row.figure), items: items)
        }
        let stage = report.stage
        let page = MaturityPage(
            hasAssessment: current != nil,
            current: current.map { "\(day($0.takenAt)) · \($0.scorer)" }, previous: previous.map { "\(day($0.takenAt)) · \($0.scorer)" },
            hasPrevious: previous != nil, overall: figure(t("maturity_overall"), report.overall, countKey: "maturity_assessed_of"),
            stage: stage.map { t("maturity_stage_\($0)") }, stageHint: stage.map { t("maturity_stage_\($0)_hint") }, thresholds: t("maturity_thresholds"),
            radarSVG: radar, domainRows: domainRows, pillarRows: pillarRows, evidence: evidence, domains: domains,
            canEdit: context.permits(.changeConfiguration), scorer: draft?.scorer ?? context.user?.username ?? "",
            takenAt: day(draft?.takenAt ?? Date()), saved: saved, unchanged: unchanged, error: error)
        return pages.render(
            "assessment", page: page, titleKey: "maturity", request: request, context: context, status: error == nil ? .ok : .unprocessableContent)
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.user, user.role != .viewer else { throw OtklikError(.forbidden, "only admins and managers score the maturity assessment") }
        let body = try await request.body.collect(upTo: 512 * 1024)
        let fields = FormFields(String(buffer: body))
        let (language, text) = pages.text(for: request)
        var items: [MaturityItemScore] = []
        var problem: String?
        for item in MaturityCatalogue.items {
            let raw = (fields.first("score_\(item.id)") ?? "").trimmingCharacters(in: .whitespaces)
            let note = (fields.first("note_\(item.id)") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            var score: Int?
            if !raw.isEmpty {
                if let value = Int(raw), MaturityItemScore.range.contains(value) { score = value } else if problem == nil {
                    problem = "\(item.id): " + (text["maturity_bad_score"] ?? "a score is 0-4")
                }
            }
            if score != nil || !note.isEmpty { items.append(MaturityItemScore(itemId: item.id, score: score, evidence: note)) }
        }
        let scorer = (fields.first("scorer") ?? user.username).trimmingCharacters(in: .whitespaces)
        let dateText = (fields.first("taken_at") ?? "").trimmingCharacters(in: .whitespaces)
        var takenAt = Date()
        if !dateText.isEmpty && dateText != day(Date()) {
            if let parsed = Timestamp.parse(dateText, dateOnlyZone: timeZone), dateText.count == 10 { takenAt = parsed } else if problem == nil {
                problem = text["maturity_bad_date"] ?? "the date is YYYY-MM-DD"
            }
        }
        let draft = MaturityAssessment(id: "", takenAt: takenAt, scorer: scorer.isEmpty ? user.username : scorer, items: items)
        if let problem {
            return try await render(request, context: context, saved: nil, unchanged: nil, error: problem, draft: draft)
        }
        do {
            switch try await board.repository.save(draft, source: .page, now: Date()) {
            case .created(let id): return Response(status: .seeOther, headers: [.location: "/assessment?saved=\(id)"])
            case .unchanged(let id): return Response(status: .seeOther, headers: [.location: "/assessment?unchanged=\(id)"])
            }
        } catch let error as OtklikError where error.code == .invalidInput {
            let message = error.field == "items" ? (text["maturity_none_scored"] ?? error.message) : ErrorText.message(error, text: text, language: language)
            return try await render(request, context: context, saved: nil, unchanged: nil, error: message, draft: draft)
        }
    }
}
