import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `GET /api/v1/customers/{id}/value` (P(alive), expected purchases, expected spend and CLV from the hourly fit),
/// `PUT /api/v1/customers/{id}/preferences` (contact preferences, all fields replaced; an absent field is cleared)
/// and `GET /api/v1/customers/acquisition` (CAC by channel, earned vs bought customers).
struct CustomerValueController {
    let database: AppDatabase
    let values: CustomerValueModel

    struct PreferencesBody: Decodable {
        var preferredChannel: String?
        var language: String?
        var timeZone: String?
        var quietHours: String?
        var maxPerWeek: Int?

        enum CodingKeys: String, CodingKey {
            case preferredChannel = "preferred_channel", language, timeZone = "time_zone", quietHours = "quiet_hours", maxPerWeek = "max_per_week"
        }
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("customers/acquisition", use: acquisition)
        group.get("customers/{id}/value", use: value)
        group.put("customers/{id}/preferences", use: preferences)
    }

    @Sendable func value(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard try await database.customers.customer(id: id) != nil else { throw OtklikError(.notFound, "no such customer", field: "id") }
        return JSONResponse.make(.ok, try await values.value(of: id))
    }

    @Sendable func preferences(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let body = try await JSONBody.decode(PreferencesBody.self, from: request, context: context)
        let stored = try await CustomerPreferencesWriter(database: database).write(
            ContactPreferencesInput(
                preferredChannel: body.preferredChannel, language: body.language, timeZone: body.timeZone, quietHours: body.quietHours,
                maxPerWeek: body.maxPerWeek),
            customer: id)
        return JSONResponse.make(.ok, CustomerDetailJSON.PreferencesJSON(stored))
    }

    @Sendable func acquisition(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, try await CustomerAcquisitionLoader.load(database))
    }
}
