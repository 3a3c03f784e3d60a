import Foundation
import OtklikCore

/// The SLA policies, in order (the first that matches a case applies), replaced whole.
public protocol SLAPolicyRepository: Sendable {
    func policies() async throws -> [SLAPolicy]
    func replaceAll(_ policies: [SLAPolicy]) async throws
}

public struct SQLSLAPolicyRepository: SLAPolicyRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func policies() async throws -> [SLAPolicy] {
        try await database.query(
            "SELECT name, case_type, location_code, priority, first_response_hours, resolution_hours FROM sla_policies ORDER BY position", []
        ).map { row in
            SLAPolicy(
                name: try row.string("name"), caseType: row.text("case_type").flatMap(SLAPolicy.CaseType.init(rawValue:)),
                location: row.text("location_code"), priority: row.text("priority").flatMap(CasePriority.init(rawValue:)),
                firstResponseHours: row["first_response_hours"].double ?? 4,
                resolutionHours: row["resolution_hours"].double ?? 16)
        }
    }

    public func replaceAll(_ policies: [SLAPolicy]) async throws {
        try policies.validateEach { try $0.validate() }
        try await database.transaction { tx in
            for (index, policy) in policies.enumerated() {
                if let location = policy.location, try await tx.query("SELECT code FROM locations WHERE code = ?", [.text(location)]).isEmpty {
                    throw OtklikError.invalid("items[\(index)].location", "unknown location code '\(location)'")
                }
            }
            try await tx.execute("DELETE FROM sla_policies")
            try await tx.insertRows(
                "sla_policies", columns: ["position", "name", "case_type", "location_code", "priority", "first_response_hours", "resolution_hours"],
                rows: policies.enumerated().map { index, policy in
                    [.int(Int64(index)), .text(policy.name.trimmingCharacters(in: .whitespaces)), SQLValue(policy.caseType?.rawValue),
                     SQLValue(policy.location), SQLValue(policy.priority?.rawValue), .double(policy.firstResponseHours), .double(policy.resolutionHours)]
                })
        }
    }
}
