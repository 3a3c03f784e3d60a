import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikInterchange
import OtklikStore

/// `/api/v1/requests` (service requests), `/api/v1/agent-states` (the agent-state log), both idempotent
/// batch writes, and `/api/v1/calendar` (the working-day calendar's holidays and transferred days).
struct ProcessController {
    let repository: any ProcessRepository
    let reference: any ReferenceRepository
    let follower: FeedFollower

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("requests", use: createRequests)
        group.post("agent-states", use: createAgentStates)
        group.get("calendar", use: calendar)
        group.put("calendar", use: setCalendar)
    }

    @Sendable func createRequests(_ request: Request, context: AppRequestContext) async throws -> Response {
        let items = try await JSONBody.decode(ItemBatch<ServiceRequestJSON>.self, from: request, context: context).converted { item throws(OtklikError) in
            try item.request()
        }
        // A key limited to some locations writes service requests only at them (403 naming items[i].location).
        try context.requireWritable(locations: items.map(\.location))
        // A request posted again with its status moved on (open → completed, rejected or withdrawn) updates it: `updated`.
        let outcome = try await repository.insert(items, createMissingReferences: false)
        if outcome.wroteAny { await follower.catchUpAfterWrite() }
        return JSONResponse.make(
            outcome.inserted.isEmpty ? .ok : .created,
            ["inserted": outcome.inserted, "updated": outcome.updated, "duplicates": outcome.duplicates])
    }

    @Sendable func createAgentStates(_ request: Request, context: AppRequestContext) async throws -> Response {
        let items = try await JSONBody.decode(ItemBatch<AgentStateJSON>.self, from: request, context: context).converted { item throws(OtklikError) in
            try item.interval()
        }
        // An agent state records no location; the agent's service point is the staff member's (reference data). A key
        // limited to some locations writes the states of their staff only (403 naming items[i].agent).
        if !context.accessScope.isOrganisation {
            let locations = Dictionary(try await reference.staff().map { ($0.code, $0.location) }, uniquingKeysWith: { first, _ in first })
            try context.requireWritable(staff: items.map(\.agent), locations: locations)
        }
        let outcome = try await repository.insert(items, createMissingReferences: false)
        if !outcome.inserted.isEmpty { await follower.catchUpAfterWrite() }
        return Self.response(outcome)
    }

    static func response(_ outcome: InsertOutcome) -> Response {
        JSONResponse.make(outcome.inserted.isEmpty ? .ok : .created, ["inserted": outcome.inserted, "duplicates": outcome.duplicates])
    }

    @Sendable func calendar(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, ["items": try await repository.calendarDays()])
    }

    /// Sets the listed days (a day already listed is overwritten); all or nothing.
    @Sendable func setCalendar(_ request: Request, context: AppRequestContext) async throws -> Response {
        let days = try await JSONBody.decode(ItemBatch<CalendarDay>.self, from: request, context: context).converted { day throws(OtklikError) in
            guard let date = CalendarDay.validDate(day.date) else { throw .invalid("date", "date must be a real date YYYY-MM-DD") }
            if let name = day.name, name.count > 200 { throw .invalid("name", "name is at most 200 characters") }
            return CalendarDay(date: date, working: day.working, name: day.name)
        }
        guard Set(days.map(\.date)).count == days.count else { throw OtklikError.invalid("items", "a date is listed twice") }
        try await repository.setCalendarDays(days)
        await follower.catchUpAfterWrite()
        return JSONResponse.make(.ok, ["items": try await repository.calendarDays()])
    }
}
