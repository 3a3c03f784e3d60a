/// An exception to the Monday-Friday working week: a public holiday, or a Saturday or Sunday worked in its place.
public struct CalendarDay: Sendable, Codable, Equatable {
    /// `YYYY-MM-DD`.
    public var date: String
    public var working: Bool
    public var name: String?

    public init(date: String, working: Bool, name: String? = nil) {
        self.date = date
        self.working = working
        self.name = name
    }
}

extension CalendarDay {
    /// `YYYY-MM-DD` if the text is a real Gregorian date, else nil.
    public static func validDate(_ text: String) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1900...2200).contains(year), (1...12).contains(month)
        else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...lengths[month - 1]).contains(day) else { return nil }
        return text
    }
}
