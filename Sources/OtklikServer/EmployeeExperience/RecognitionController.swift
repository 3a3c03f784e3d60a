import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/api/v1/recognitions`: `POST` thanks between colleagues `{id, from, to, text}` (201; the same id and content again
/// 200 with `repeated`, other content 409); `GET ?staff=CODE` the recognitions received — thanks and customer praise —
/// newest first. A caller scoped to locations reads and thanks only their locations' staff.
struct RecognitionController {
    let recognitions: any RecognitionRepository
    let reference: any ReferenceRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("recognitions", use: list)
        group.post("recognitions", use: thank)
    }

    struct ThanksBody: Decodable {
        var id: String
        var from: String
        var to: String
        var text: String
    }

    struct ThankedJSON: Encodable {
        var recognition: Recognition
        var repeated: Bool
    }

    @Sendable func thank(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(ThanksBody.self, from: request, context: context)
        let staff = try await reference.staff()
        for (field, code) in [("from", body.from), ("to", body.to)] {
            if let member = staff.first(where: { $0.code == code }), !context.accessScope.allows(location: member.location) {
                throw OtklikError(.forbidden, "staff member '\(code)' is outside the scope of this caller", field: field)
            }
        }
        let (stored, repeated) = try await recognitions.thank(
            Recognition(id: body.id, kind: .thanks, from: body.from, to: body.to, text: body.text, createdAt: Date()))
        return JSONResponse.make(repeated ? .ok : .created, ThankedJSON(recognition: stored, repeated: repeated))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let scope = context.accessScope
        let visible = Set(try await reference.staff().filter { scope.allows(location: $0.location) }.map(\.code))
        var wanted: Set<String>? = scope.isOrganisation ? nil : visible
        if let code = request.uri.queryParameters["staff"].map(String.init), !code.isEmpty {
            guard visible.contains(code) else { throw OtklikError(.notFound, "no staff member with code '\(code)'", field: "staff") }
            wanted = [code]
        }
        return JSONResponse.make(.ok, ["items": try await recognitions.received(by: wanted, limit: 500)])
    }
}
