import Foundation
import OtklikCore

/// The assignment rules, in order (the first that matches a new case names its owner), replaced whole.
public protocol AssignmentRuleRepository: Sendable {
    func rules() async throws -> [AssignmentRule]
    /// Validates every rule first (owners and locations must exist); all or nothing.
    func replaceAll(_ rules: [AssignmentRule]) async throws
}

public struct SQLAssignmentRuleRepository: AssignmentRuleRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func rules() async throws -> [AssignmentRule] {
        try await Self.rules(database)
    }

    static func rules(_ executor: any SQLExecutor) async throws -> [AssignmentRule] {
        try await executor.query("SELECT name, case_type, location_code, reason, priority, owner FROM assignment_rules ORDER BY position", []).map { row in
            AssignmentRule(
                name: try row.string("name"), caseType: row.text("case_type").flatMap(SLAPolicy.CaseType.init(rawValue:)),
                location: row.text("location_code"), reason: row.text("reason"), priority: row.text("priority").flatMap(CasePriority.init(rawValue:)),
                owner: try row.string("owner"))
        }
    }

    public func replaceAll(_ rules: [AssignmentRule]) async throws {
        guard rules.count <= 1000 else { throw OtklikError.invalid("items", "at most 1000 rules") }
        try rules.validateEach { try $0.validate() }
        try await database.transaction { tx in
            let staff = Set(try await tx.query("SELECT code FROM staff", []).compactMap { $0.text("code") })
            let locations = Set(try await tx.query("SELECT code FROM locations", []).compactMap { $0.text("code") })
            for (index, rule) in rules.enumerated() {
                guard staff.contains(rule.owner) else { throw OtklikError.invalid("items[\(index)].owner", "unknown staff code '\(rule.owner)'") }
                if let location = rule.location, !locations.contains(location) {
                    throw OtklikError.invalid("items[\(index)].location", "unknown location code '\(location)'")
                }
            }
            try await tx.execute("DELETE FROM assignment_rules")
            try await tx.insertRows(
                "assignment_rules", columns: ["position", "name", "case_type", "location_code", "reason", "priority", "owner"],
                rows: rules.enumerated().map { index, rule in
                    [.int(Int64(index)), .text(rule.name.trimmingCharacters(in: .whitespaces)), SQLValue(rule.caseType?.rawValue),
                     SQLValue(rule.location), SQLValue(rule.reason), SQLValue(rule.priority?.rawValue), .text(rule.owner)]
                })
        }
    }
}
