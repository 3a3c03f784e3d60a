import Foundation

/// How text fields are stored: trimmed, and an empty value is no value.
enum StoredText {
    static func clean(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingWhitespace(), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
