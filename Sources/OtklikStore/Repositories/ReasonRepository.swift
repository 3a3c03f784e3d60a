import Foundation
import OtklikCore

/// The reasons the kiosk and QR forms offer, in order: the whole list is replaced at once.
public protocol ReasonRepository: Sendable {
    /// Every reason, in list order.
    func reasons() async throws -> [Reason]
    /// The reasons offered at a location: its own first, then those offered everywhere (a code listed for
    /// the location hides the general one).
    func reasons(at location: String) async throws -> [Reason]
    /// Replaces the list, all or nothing.
    func replaceAll(_ reasons: [Reason]) async throws
}

public struct SQLReasonRepository: ReasonRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func reasons() async throws -> [Reason] {
        try await database.query("SELECT code, location_code, label_ru, label_en FROM reasons ORDER BY position").map(Self.reason(row:))
    }

    public func reasons(at location: String) async throws -> [Reason] {
        let rows = try await database.query(
            "SELECT code, location_code, label_ru, label_en FROM reasons WHERE location_code = ? OR location_code IS NULL ORDER BY position",
            [.text(location)])
        let all = try rows.map(Self.reason(row:))
        let own = all.filter { $0.location != nil }
        let codes = Set(own.map(\.code))
        return own + all.filter { $0.location == nil && !codes.contains($0.code) }
    }

    public func replaceAll(_ reasons: [Reason]) async throws {
        var seen = Set<String>()
        for (index, reason) in reasons.enumerated() {
            do {
                try reason.validate()
            } catch {
                throw error.prefixingField("items[\(index)]")
            }
            guard seen.insert("\(reason.code)@\(reason.location ?? "*")").inserted else {
                throw OtklikError.invalid("items[\(index)].code", "reason '\(reason.code)' is listed twice for the same place")
            }
        }
        let locations = Set(reasons.compactMap(\.location))
        try await database.transaction { tx in
            for location in locations.sorted() where try await tx.query("SELECT code FROM locations WHERE code = ?", [.text(location)]).isEmpty {
                let index = reasons.firstIndex { $0.location == location } ?? 0
                throw OtklikError.invalid("items[\(index)].location", "unknown location code '\(location)'")
            }
            try await tx.execute("DELETE FROM reasons")
            try await tx.insertRows(
                "reasons", columns: ["id", "code", "location_code", "label_ru", "label_en", "position"],
                rows: reasons.enumerated().map { index, reason in
                    [
                        .text("\(reason.code)@\(reason.location ?? "*")"), .text(reason.code), SQLValue(reason.location),
                        .text(reason.labelRu.trimmingCharacters(in: .whitespacesAndNewlines)),
                        .text(reason.labelEn.trimmingCharacters(in: .whitespacesAndNewlines)), .int(Int64(index)),
                    ]
                })
        }
    }

    static func reason(row: SQLRow) throws -> Reason {
        Reason(code: try row.string("code"), location: row.text("location_code"), labelRu: try row.string("label_ru"), labelEn: try row.string("label_en"))
    }
}
