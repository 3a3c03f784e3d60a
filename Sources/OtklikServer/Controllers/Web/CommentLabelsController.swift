import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikStore
import OtklikText

/// `/comments/label`: recent comments with the sentiment they were analysed with, for staff to confirm or correct;
/// the labels train the organisation's sentiment model (`POST /comments/label/train`).
struct CommentLabelsController {
    let texts: any TextAnalysisRepository
    let models: any TextModelRepository
    let feedback: any FeedbackRepository
    let reanalysis: TextReanalysis
    let pages: PageRenderer
    let timeZone: TimeZone

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("comments/label", use: page)
        group.post("comments/label", use: label)
        group.post("comments/label/train", use: train)
    }

    static let days = 30
    static let shown = 50

    /// The id a comment's label is stored under.
    static func labelID(_ feedbackID: String) -> String { "feedback:" + feedbackID }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(request, context: context, error: nil)
    }

    func render(_ request: Request, context: AppRequestContext, error: OtklikError?) async throws -> Response {
        let (_, text) = pages.text(for: request)
        let filter = request.uri.queryParameters.get("label").flatMap { SentimentLabel(rawValue: String($0)) }
        let now = Date()
        let recent = try await texts.comments(
            from: now.addingTimeInterval(-Double(Self.days) * 86_400), to: now, label: filter, includeText: true)
        func option(_ label: SentimentLabel, selected: Bool) -> SelectOption {
            SelectOption(code: label.rawValue, label: text["sentiment_\(label.rawValue)"] ?? label.rawValue, selected: selected)
        }
        let rows = recent.suffix(Self.shown).reversed().enumerated().map { index, comment in
            CommentLabelsPage.Row(
                index: index, id: comment.feedbackID, ts: PageDate.moment(comment.ts, timeZone: timeZone, text: text), comment: comment.comment ?? "",
                analysed: text["sentiment_\(comment.label.rawValue)"] ?? comment.label.rawValue,
                options: SentimentLabel.allCases.map { option($0, selected: $0 == comment.label) })
        }
        let counts = try await models.labelCounts()
        var page = CommentLabelsPage(
            heading: text["label_comments"] ?? "Label comments", rows: rows, hasRows: !rows.isEmpty, days: Self.days,
            canEdit: context.permits(.changeConfiguration),
            filters: [SelectOption(code: "", label: text["all"] ?? "All", selected: filter == nil)]
                + SentimentLabel.allCases.map { option($0, selected: $0 == filter) },
            counts: SentimentLabel.allCases.map { CommentLabelsPage.Count(label: text["sentiment_\($0.rawValue)"] ?? $0.rawValue, n: counts[$0] ?? 0) },
            total: counts.values.reduce(0, +))
        if let model = try await models.model() {
            page.model = CommentLabelsPage.Model(texts: model.texts, features: model.features, trained: PageDate.moment(model.trainedAt, timeZone: timeZone, text: text))
        }
        page.error = error?.message
        page.saved = request.uri.queryParameters.get("saved").map { String($0) }
        if request.uri.queryParameters.get("trained") != nil { page.trained = true }
        return pages.render(
            "comment-labels", page: page, title: page.heading, request: request, context: context,
            status: error == nil ? .ok : .unprocessableContent)
    }

    struct LabelForm: Decodable {
        var id: String
        var label: String
    }

    @Sendable func label(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.user, user.role != .viewer else { throw OtklikError(.forbidden, "viewers cannot label comments") }
        let body = try await request.body.collect(upTo: 16 * 1024)
        let form = try URLEncodedFormDecoder().decode(LabelForm.self, from: String(buffer: body))
        guard let label = SentimentLabel(rawValue: form.label) else { throw OtklikError.invalid("label", "label must be negative, neutral or positive") }
        guard let item = try await feedback.get(id: form.id), let comment = item.comment else {
            throw OtklikError(.notFound, "no comment with the feedback id '\(form.id)'", field: "id")
        }
        // The text is the stored comment, never one sent with the form.
        _ = try await models.addLabels([LabelledComment(id: Self.labelID(item.id), text: comment, label: label)], replace: true)
        let saved = item.id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return Response(status: .seeOther, headers: [.location: "/comments/label?saved=\(saved)"])
    }

    @Sendable func train(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.user, user.role != .viewer else { throw OtklikError(.forbidden, "viewers cannot train the model") }
        do {
            _ = try await models.train(minimumTexts: 20, minDocuments: 2, now: Date())
        } catch let error as OtklikError where error.code == .invalidInput {
            return try await render(request, context: context, error: error)
        }
        await reanalysis.start()
        return Response(status: .seeOther, headers: [.location: "/comments/label?trained=1"])
    }
}
