import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikInterchange
import OtklikStore

/// `/api/v1/transcripts` (write idempotently, read one) and `/api/v1/feedback/{id}/conversation`: the
/// conversation a rating followed, for the diagnosis of negative feedback. A caller limited to some locations reads
/// and writes only theirs: another location's transcript or feedback is 404, a transcript elsewhere 403 naming
/// `items[i].location` (nothing of the batch written).
struct TranscriptController {
    let transcripts: any TranscriptRepository
    let feedback: any FeedbackRepository
    let textAnalysis: TextAnalysisConsumer
    let followUp: WriteFollowUp

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("transcripts", use: create)
        group.get("transcripts/{id}", use: get)
        group.get("feedback/{id}/conversation", use: conversation)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let items = try await JSONBody.decode(ItemBatch<TranscriptJSON>.self, from: request, context: context).converted { item throws(OtklikError) in
            try item.transcript()
        }
        try context.requireWritable(locations: items.map(\.location))
        let outcome = try await transcripts.insert(items, createMissingReferences: false)
        if !outcome.inserted.isEmpty { await followUp.apply(to: [textAnalysis]) }
        return JSONResponse.make(outcome.inserted.isEmpty ? .ok : .created, ["inserted": outcome.inserted, "duplicates": outcome.duplicates])
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let transcript = try await transcripts.get(id: id), context.accessScope.allows(location: transcript.location) else {
            throw OtklikError(.notFound, "no transcript '\(id)'", field: "id")
        }
        return JSONResponse.make(.ok, TranscriptJSON(transcript))
    }

    @Sendable func conversation(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let item = try await feedback.get(id: id), context.accessScope.allows(location: item.location) else {
            throw OtklikError(.notFound, "no feedback with id '\(id)'", field: "id")
        }
        // The transcript is one at the feedback's own location, so it is as visible as the feedback.
        guard let transcript = try await transcripts.conversation(before: item, window: 1_800) else {
            throw OtklikError(.notFound, "no conversation at \(item.location ?? "its location") in the half hour before this feedback", field: "id")
        }
        return JSONResponse.make(.ok, TranscriptJSON(transcript))
    }
}
