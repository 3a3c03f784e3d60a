import Foundation
import OtklikCore

extension SQLCustomerImport {
    /// The language, time zone and acquisition the rows give their customers, noted row by row (a later row's value
    /// replaces an earlier one's for the same customer, as row-by-row updates would) and written at the end of the
    /// import in multi-row statements: one `UPDATE … WHERE id IN (…)` per language and chunk of 500, and the time zones
    /// and acquisitions as multi-row upserts. No merge reads or moves these, so writing them last stores the same rows.
    struct Attributes {
        var lang: [String: String] = [:]
        var timeZone: [String: String] = [:]
        var acquisition: [String: (source: String?, at: Date?)] = [:]

        mutating func note(_ row: CustomerImportRow, customer: String) {
            if let value = row.lang { lang[customer] = value }
            if let zone = row.timeZone { timeZone[customer] = zone }
            if row.acquisitionSource != nil || row.acquiredAt != nil { acquisition[customer] = (row.acquisitionSource, row.acquiredAt) }
        }

        func write(at: Int64, _ tx: any SQLExecutor) async throws {
            var byLang: [String: [String]] = [:]
            for (customer, value) in lang { byLang[value, default: []].append(customer) }
            for (value, customers) in byLang.sorted(by: { $0.key < $1.key }) {
                try await tx.execute(in: customers.sorted(), before: [.text(value)]) { marks in "UPDATE customers SET lang = ? WHERE id IN (\(marks))" }
            }
            try await tx.insertRows(
                "customer_contact_preferences", columns: ["customer_id", "time_zone", "updated_at"],
                rows: timeZone.sorted { $0.key < $1.key }.map { [.text($0.key), .text($0.value), .int(at)] },
                suffix: "ON CONFLICT (customer_id) DO UPDATE SET time_zone = excluded.time_zone, updated_at = excluded.updated_at")
            try await tx.insertRows(
                "customer_acquisition", columns: ["customer_id", "source", "acquired_at"],
                rows: acquisition.sorted { $0.key < $1.key }.map {
                    [.text($0.key), SQLValue($0.value.source), $0.value.at.map { .int(SQLCustomerMergeJournal.ms($0)) } ?? .null]
                },
                suffix: "ON CONFLICT (customer_id) DO UPDATE SET source = excluded.source, acquired_at = excluded.acquired_at")
        }
    }
}
