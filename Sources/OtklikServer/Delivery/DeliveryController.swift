import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikStore

/// `/api/v1/deliveries`: the delivery records of messages to customers (newest first, `?status=` and `?limit=`), one
/// record, a provider's delivery reports (`POST /api/v1/deliveries/reports`: delivered, bounced or failed), and a mail
/// server's delivery status notifications (`POST /api/v1/deliveries/dsn`, the raw RFC 3464 message: bounces and delays).
/// A caller limited to some locations reads the deliveries of the survey invitations at theirs: the list leaves out the
/// rest (and says so: `locations`, `left_out`), another location's record is 404, a programme message 422
/// `scope_programmes` (it carries no location), an invitation without a location 422 `scope_no_location`; the reports
/// are the organisation's (422 `scope_deliveries`, ``RoutePermissions``).
struct DeliveryController {
    let deliveries: any MessageDeliveryRepository
    let reports: DeliveryReports

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("deliveries", use: list)
        group.get("deliveries/{id}", use: get)
        group.post("deliveries/reports", use: report)
        group.post("deliveries/dsn", use: notification)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        var status: DeliveryStatus?
        if let text = query.get("status") {
            guard let known = DeliveryStatus(rawValue: text) else {
                throw OtklikError.invalid("status", "must be one of \(DeliveryStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            status = known
        }
        var limit = 100
        if let text = query.get("limit") {
            guard let number = Int(text), (1...1000).contains(number) else { throw OtklikError.invalid("limit", "must be an integer in 1...1000") }
            limit = number
        }
        guard let locations = context.accessScope.locationCodes else {
            return JSONResponse.make(.ok, ["items": try await deliveries.recent(status: status, limit: limit)])
        }
        return JSONResponse.make(.ok, ScopedListJSON(
            items: try await deliveries.recent(status: status, limit: limit, locations: locations), locations: locations.sorted(),
            leftOut: ["programme_message", "survey_invitation_without_location"]))
    }

    /// The list to a caller limited to some locations: which locations, and what is not given.
    struct ScopedListJSON: Encodable {
        var items: [MessageDelivery]
        var locations: [String]
        var leftOut: [String]
        enum CodingKeys: String, CodingKey { case items, locations, leftOut = "left_out" }
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let (record, location) = try await deliveries.located(id: id) else { throw OtklikError(.notFound, "no delivery '\(id)'", field: "id") }
        if !context.accessScope.isOrganisation, record.kind == "programme_message" {
            let refusal = RoutePermissions.OrganisationOnly.programmes("")
            throw OtklikError(.invalidInput, refusal.message, field: refusal.field)
        }
        try context.requireVisible(unlocated: location, "delivery", id: id)
        return JSONResponse.make(.ok, record)
    }

    /// `{"provider": "gateway", "provider_id": "…", "status": "delivered|bounced|failed", "error": "…"}`.
    struct ReportJSON: Decodable {
        var provider: String
        var providerId: String
        var status: String
        var error: String?
        enum CodingKeys: String, CodingKey { case provider, providerId = "provider_id", status, error }
    }

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        let input = try await JSONBody.decode(ReportJSON.self, from: request, context: context)
        guard let status = DeliveryStatus(rawValue: input.status), [.delivered, .bounced, .failed].contains(status) else {
            throw OtklikError.invalid("status", "a report is delivered, bounced or failed")
        }
        guard !input.providerId.isEmpty else { throw OtklikError.invalid("provider_id", "the provider's message id is required") }
        guard let record = try await reports.apply(
            provider: input.provider, providerId: input.providerId, status: status, error: input.error.map { String($0.prefix(500)) }, now: Date())
        else { throw OtklikError(.notFound, "no message with provider_id '\(input.providerId)' from '\(input.provider)'", field: "provider_id") }
        return JSONResponse.make(.ok, record)
    }

    @Sendable func notification(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let raw = String(decoding: buffer.readableBytesView, as: UTF8.self)
        return JSONResponse.make(.ok, try await DeliveryNotificationIntake(reports: reports).record(raw, now: Date()))
    }
}
