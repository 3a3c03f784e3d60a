import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `GET /r/{id}`: a promoter's review-link offer (issue 19 item 7). Counts the click and redirects to the review
/// address the programme names for the location (302, not cached, so every follow is counted); an unknown id is a 404.
struct ReviewLinkController {
    let programmes: SQLProgrammeRepository

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("r/{id}", use: follow)
    }

    @Sendable func follow(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let url = try await programmes.followReviewLink(id: try context.parameters.require("id")) else {
            throw OtklikError(.notFound, "no such review link")
        }
        return Response(status: .found, headers: [.location: url, .cacheControl: "no-store"])
    }
}
