import Foundation
import OtklikCore

/// Consents as CSV: `customer,purpose,channel,source,given_at,expires_at,withdrawn_at` — purpose `service`, `survey` or
/// `marketing`; times ISO 8601. A consent's id is derived from customer, purpose, channel and `given_at`, so importing
/// the file again with `withdrawn_at` filled records the withdrawal instead of a second consent.
public enum ConsentCSV {
    public static let columns = ["customer", "purpose", "channel", "source", "given_at", "expires_at", "withdrawn_at"]

    public static func parse(_ text: String) throws -> [Consent] {
        try RecordCSV.parse(text, columns: columns, required: ["customer", "purpose", "channel", "source", "given_at"], skipBad: false) {
            cells throws(OtklikError) in try consent(cells)
        }.records.map(\.record)
    }

    static func consent(_ cells: [String: String]) throws(OtklikError) -> Consent {
        func time(_ column: String) throws(OtklikError) -> Date? {
            guard let text = cells[column] else { return nil }
            guard let date = Timestamp.parse(text) else { throw .invalid(column, "\(column) must be an ISO 8601 time, e.g. 2026-01-31T10:00:00Z") }
            return date
        }
        let customer = cells["customer"] ?? "", channel = cells["channel"] ?? "", source = cells["source"] ?? ""
        guard let purpose = ConsentPurpose(rawValue: cells["purpose"] ?? "") else {
            throw .invalid("purpose", "purpose is service, survey or marketing")
        }
        guard let given = try time("given_at") else { throw .invalid("given_at", "given_at is required") }
        let expires = try time("expires_at"), withdrawn = try time("withdrawn_at")
        if let expires, expires <= given { throw .invalid("expires_at", "expires_at is after given_at") }
        if let withdrawn, withdrawn < given { throw .invalid("withdrawn_at", "withdrawn_at is not before given_at") }
        let key = "\(customer)|\(purpose.rawValue)|\(channel)|\(Timestamp.format(given))"
        return Consent(
            id: "cns_" + fnv(key), customer: customer, purpose: purpose, channel: channel, source: source, givenAt: given, expiresAt: expires,
            withdrawnAt: withdrawn)
    }

    /// 64-bit FNV-1a of `text`, as 16 hex digits.
    static func fnv(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
