import Foundation
import OtklikCore

/// The acquisition source and time of every customer not merged into another and not erased (customers without a
/// record have neither), for CAC and earned vs bought customers.
public struct SQLCustomerAcquisitions: Sendable {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func all() async throws -> [(source: String?, acquiredAt: Date?)] {
        try await database.query(
            """
            SELECT a.source, a.acquired_at FROM customers c LEFT JOIN customer_acquisition a ON a.customer_id = c.id
            WHERE c.merged_into IS NULL AND c.erased = 0
            """
        ).map { row in (row.text("source"), row.int64("acquired_at").map { Date(timeIntervalSince1970: Double($0) / 1000) }) }
    }
}
