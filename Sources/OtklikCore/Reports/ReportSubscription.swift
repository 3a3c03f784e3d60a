import Foundation

/// Who gets the monthly report by e-mail: an address, the organisation's report or one location's, in Russian or
/// English, with the PDF and/or the XLSX attached (the HTML summary is always the body), on a day of the month (1-31;
/// in a shorter month its last day) for the previous calendar month.
public struct ReportSubscription: Sendable, Equatable, Codable {
    public enum Format: String, Sendable, Codable, CaseIterable {
        case pdf, xlsx
    }

    public var id: String
    public var email: String
    /// A location's code; nil: the whole organisation.
    public var location: String?
    public var language: String
    /// In the order pdf, xlsx; never empty.
    public var formats: [Format]
    public var day: Int
    public var createdAt: Date

    public init(id: String, email: String, location: String?, language: String, formats: [Format], day: Int, createdAt: Date) {
        self.id = id
        self.email = email
        self.location = location
        self.language = language
        self.formats = formats
        self.day = day
        self.createdAt = createdAt
    }

    /// Checks a new subscription's fields, each error naming its field: an e-mail address (one `@`, no spaces or angle
    /// brackets, at most 254 characters), `ru` or `en`, formats among `pdf` and `xlsx` (at least one; repeated ones
    /// count once), a day 1-31. Returns the formats in their canonical order.
    public static func validated(email: String, language: String, formats: [String], day: Int) throws(OtklikError) -> [Format] {
        let address = email.trimmingCharacters(in: .whitespaces)
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard address.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !address.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" || $0 == "\"" })
        else { throw .invalid("email", "email must be one e-mail address such as director@example.ru (got '\(email.prefix(80))')") }
        guard ["ru", "en"].contains(language) else { throw .invalid("lang", "lang must be ru or en (got '\(language.prefix(20))')") }
        var chosen: Set<Format> = []
        for text in formats {
            let name = text.trimmingCharacters(in: .whitespaces).lowercased()
            guard let format = Format(rawValue: name) else {
                throw .invalid("format", "format must be pdf, xlsx or pdf,xlsx (got '\(text.prefix(20))')")
            }
            chosen.insert(format)
        }
        guard !chosen.isEmpty else { throw .invalid("format", "format must name at least one of pdf and xlsx") }
        guard (1...31).contains(day) else { throw .invalid("day", "day must be a day of the month 1-31 (got \(day)); 29-31 mean the last day in shorter months") }
        return Format.allCases.filter(chosen.contains)
    }
}
