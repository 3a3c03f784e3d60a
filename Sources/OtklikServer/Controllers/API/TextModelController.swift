import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikStore
import OtklikText

/// `/api/v1/text/labels` and `/api/v1/text/model`: comments the organisation labelled, and the linear sentiment model
/// trained on them that every comment is then analysed with. Training or deleting the model re-analyses stored comments.
struct TextModelController {
    let models: any TextModelRepository
    let reanalysis: TextReanalysis

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("text/labels", use: addLabels)
        group.get("text/labels", use: counts)
        group.post("text/model/train", use: train)
        group.get("text/model", use: model)
        group.delete("text/model", use: deleteModel)
    }

    struct LabelJSON: Decodable {
        var id: String
        var text: String
        var label: String
    }

    struct ModelJSON: Encodable {
        var texts: Int
        var features: Int
        var classes: [String]
        var trainedAt: String
        enum CodingKeys: String, CodingKey { case texts, features, classes, trainedAt = "trained_at" }

        init(_ info: TrainedModelInfo) {
            texts = info.texts
            features = info.features
            classes = info.classes
            trainedAt = Timestamp.format(info.trainedAt)
        }
    }

    @Sendable func addLabels(_ request: Request, context: AppRequestContext) async throws -> Response {
        let labelled = try await JSONBody.decode(ItemBatch<LabelJSON>.self, from: request, context: context).converted { item throws(OtklikError) in
            guard let label = SentimentLabel(rawValue: item.label) else { throw .invalid("label", "label must be negative, neutral or positive") }
            return LabelledComment(id: item.id, text: item.text, label: label)
        }
        let outcome = try await models.addLabels(labelled, replace: false)
        return JSONResponse.make(outcome.inserted.isEmpty ? .ok : .created, ["inserted": outcome.inserted, "duplicates": outcome.duplicates])
    }

    @Sendable func counts(_ request: Request, context: AppRequestContext) async throws -> Response {
        let counts = try await models.labelCounts()
        var body = Dictionary(uniqueKeysWithValues: SentimentLabel.allCases.map { ($0.rawValue, counts[$0] ?? 0) })
        body["total"] = counts.values.reduce(0, +)
        return JSONResponse.make(.ok, body)
    }

    @Sendable func train(_ request: Request, context: AppRequestContext) async throws -> Response {
        let info = try await models.train(minimumTexts: 20, minDocuments: 2, now: Date())
        await reanalysis.start()
        return JSONResponse.make(.ok, ModelJSON(info))
    }

    @Sendable func model(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let info = try await models.model() else {
            throw OtklikError(.notFound, "no model is trained; comments are analysed with the lexicon alone", field: "model")
        }
        return JSONResponse.make(.ok, ModelJSON(info))
    }

    @Sendable func deleteModel(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await models.deleteModel()
        await reanalysis.start()
        return Response(status: .noContent)
    }
}
