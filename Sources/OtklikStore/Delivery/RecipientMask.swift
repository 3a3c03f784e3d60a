import Foundation

/// A recipient's address in a form people may read in a record but that does not give the address away: an e-mail
/// keeps its first character and its domain (`i***@example.ru`), a phone number its last two digits (`***45`).
public enum RecipientMask {
    public static func mask(_ recipient: String) -> String {
        let trimmed = recipient.trimmingCharacters(in: .whitespacesAndNewlines)
        if let at = trimmed.lastIndex(of: "@") {
            let local = trimmed[..<at]
            return String(local.prefix(1)) + "***" + String(trimmed[at...])
        }
        let digits = trimmed.filter(\.isNumber)
        return "***" + String(digits.suffix(2))
    }
}
