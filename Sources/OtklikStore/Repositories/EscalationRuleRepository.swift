import Foundation
import OtklikCore

/// The escalation rules, in order (the first that matches a case opening or changing priority sends it up the
/// ladder), replaced whole.
public protocol EscalationRuleRepository: Sendable {
    func rules() async throws -> [EscalationRule]
    /// Validates every rule first (locations must exist); all or nothing.
    func replaceAll(_ rules: [EscalationRule]) async throws
}

public struct SQLEscalationRuleRepository: EscalationRuleRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func rules() async throws -> [EscalationRule] {
        try await Self.rules(database)
    }

    static func rules(_ executor: any SQLExecutor) async throws -> [EscalationRule] {
        try await executor.query(
            "SELECT name, case_type, location_code, reason, priority, csat_at_most, escalate_to FROM escalation_rules ORDER BY position", []
        ).map { row in
            EscalationRule(
                name: try row.string("name"), caseType: row.text("case_type").flatMap(SLAPolicy.CaseType.init(rawValue:)),
                location: row.text("location_code"), reason: row.text("reason"), priority: row.text("priority").flatMap(CasePriority.init(rawValue:)),
                csatAtMost: row.int("csat_at_most"), escalateTo: try row.string("escalate_to"))
        }
    }

    public func replaceAll(_ rules: [EscalationRule]) async throws {
        guard rules.count <= 1000 else { throw OtklikError.invalid("items", "at most 1000 rules") }
        try rules.validateEach { try $0.validate() }
        try await database.transaction { tx in
            let locations = Set(try await tx.query("SELECT code FROM locations", []).compactMap { $0.text("code") })
            for (index, rule) in rules.enumerated() {
                if let location = rule.location, !locations.contains(location) {
                    throw OtklikError.invalid("items[\(index)].location", "unknown location code '\(location)'")
                }
            }
            try await tx.execute("DELETE FROM escalation_rules")
            try await tx.insertRows(
                "escalation_rules", columns: ["position", "name", "case_type", "location_code", "reason", "priority", "csat_at_most", "escalate_to"],
                rows: rules.enumerated().map { index, rule in
                    [.int(Int64(index)), .text(rule.name.trimmingCharacters(in: .whitespaces)), SQLValue(rule.caseType?.rawValue),
                     SQLValue(rule.location), SQLValue(rule.reason), SQLValue(rule.priority?.rawValue),
                     rule.csatAtMost.map { .int(Int64($0)) } ?? .null, .text(rule.escalateTo)]
                })
        }
    }
}
