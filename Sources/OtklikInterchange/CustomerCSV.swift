import Foundation
import OtklikCore

/// Customers as CSV: `id,phone,email,external_id,card,device,lang,time_zone,acquisition_source,acquired_at`. `id` is
/// the client's customer id (as `customer` on feedback) and `external_id` a synonym (if both are given they must be
/// equal); `phone`, `email`, `card` and `device` may hold several values separated by `;`. Values are normalised as on
/// every write (phone to E.164, e-mail lower-cased); a placeholder (`0`, `-1`, `anonymous`, all zeros,
/// `test@example.*`) is dropped, a malformed value stops the file with its line and column. `acquired_at` is ISO 8601.
public enum CustomerCSV {
    public static let columns = ["id", "phone", "email", "external_id", "card", "device", "lang", "time_zone", "acquisition_source", "acquired_at"]

    public static func parse(_ text: String) throws -> [CustomerImportRow] {
        try RecordCSV.parse(text, columns: columns, required: [], skipBad: false) { cells throws(OtklikError) in
            try row(cells)
        }.records.map(\.record)
    }

    static func row(_ cells: [String: String]) throws(OtklikError) -> CustomerImportRow {
        var identities: [CustomerIdentity] = []
        let id = cells["id"]?.trimmingCharacters(in: .whitespaces), external = cells["external_id"]?.trimmingCharacters(in: .whitespaces)
        if let id, let external, id != external { throw .invalid("external_id", "id and external_id name the same customer id; they differ") }
        let kinds: [(String, IdentityKind)] = [("phone", .phone), ("email", .email), ("card", .loyaltyCard), ("device", .device)]
        if let client = id ?? external {
            switch IdentityNormalizer.verbatim(client, kind: .external) {
            case .identity(let identity): identities.append(identity)
            case .blocked: break
            case .rejected(let reason): throw .invalid(id == nil ? "external_id" : "id", reason)
            }
        }
        for (column, kind) in kinds {
            for value in (cells[column] ?? "").split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !value.isEmpty {
                switch IdentityNormalizer.normalize(value, as: kind) {
                case .identity(let identity): identities.append(identity)
                case .blocked: break
                case .rejected(let reason): throw .invalid(column, reason)
                }
            }
        }
        guard !identities.isEmpty else { throw .invalid("id", "a row needs at least one identity: id, phone, email, card or device (placeholders do not count)") }
        var acquired: Date?
        if let text = cells["acquired_at"] {
            guard let date = Timestamp.parse(text) else { throw .invalid("acquired_at", "acquired_at must be an ISO 8601 time, e.g. 2026-01-31T10:00:00Z") }
            acquired = date
        }
        if let zone = cells["time_zone"], TimeZone(identifier: zone) == nil { throw .invalid("time_zone", "unknown time zone '\(zone)' (an IANA name, e.g. Europe/Moscow)") }
        if let lang = cells["lang"], !["ru", "en"].contains(lang) { throw .invalid("lang", "lang is ru or en") }
        return CustomerImportRow(
            identities: identities, lang: cells["lang"], timeZone: cells["time_zone"], acquisitionSource: cells["acquisition_source"], acquiredAt: acquired)
    }

    /// One exported customer as cells in ``columns`` order (several values of a kind joined by `;`): `id` is its external
    /// id (empty for a customer known only by contacts, whom the same identities name again on import).
    public static func cells(identities: [CustomerIdentity], lang: String?, timeZone: String?, source: String?, acquiredAt: Date?) -> [String] {
        func values(_ kind: IdentityKind) -> String { identities.filter { $0.kind == kind }.map(\.value).joined(separator: ";") }
        return [
            values(.external), values(.phone), values(.email), "", values(.loyaltyCard), values(.device), lang ?? "",
            timeZone ?? "", source ?? "", acquiredAt.map(Timestamp.format) ?? "",
        ]
    }
}
