import Foundation
import Testing

@testable import OtklikCore

/// The digit reader of the common timestamp forms must answer exactly what the ISO-8601 format style answers, and
/// leave every other form to it.
struct TimestampFastPathTests {
    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let whole = Date.ISO8601FormatStyle()

    /// What the format style alone reads (the behaviour before the fast path).
    private static func styleParse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard Timestamp.isCalendarValid(trimmed) else { return nil }
        if let date = try? fractional.parse(trimmed) { return date }
        return try? whole.parse(trimmed)
    }

    private static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    @Test func everyCommonFormEqualsTheFormatStyle() {
        var generator = SystemRandomNumberGenerator()
        var checked = 0
        for _ in 0..<3_000 {
            let year = [2000, 2001, 1970 + Int.random(in: 1...129, using: &generator)].randomElement(using: &generator)!
            let month = Int.random(in: 1...12, using: &generator)
            let day = Int.random(in: 1...28, using: &generator)
            let base = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day,
                Int.random(in: 0...23, using: &generator), Int.random(in: 0...59, using: &generator), Int.random(in: 0...59, using: &generator))
            let fraction = ["", ".5", ".25", ".123", ".999", ".000"].randomElement(using: &generator)!
            let zone = ["Z", "+03:00", "-05:30", "+00:00", "+14:00", "-12:00"].randomElement(using: &generator)!
            let text = base + fraction + zone
            let fast = Timestamp.parseCommonForm(text)
            #expect(fast != nil, "\(text)")
            // Equal to the millisecond, the precision every stored time has (`normalized()`): near 2001-01-01, where the
            // reference date's small magnitudes expose it, the format style adds a fraction in another order and may
            // differ in the last bit.
            #expect(fast.map(Self.milliseconds) == Self.styleParse(text).map(Self.milliseconds), "\(text)")
            checked += 1
        }
        #expect(checked == 3_000)
    }

    @Test func edgesAndRefusalsMatchTheFormatStyle() {
        let texts = [
            "2024-02-29T23:59:59Z", "2025-02-29T10:00:00Z", "2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-00-10T10:00:00Z",
            "2026-01-01T24:00:00Z", "2026-01-01T10:60:00Z", "2026-01-01T10:00:60Z", "2000-01-01T00:00:00Z", "1970-01-01T00:00:00Z",
            "2026-03-02T09:15:00.1234Z", "2026-03-02T09:15:00.Z", "2026-03-02T09:15:00+0300", "2026-03-02T09:15:00+03", "2026-03-02 09:15:00Z",
            "2026-03-02t09:15:00z", "2026-03-02T09:15Z", " 2026-03-02T09:15:00Z", "2026-03-02T09:15:00Z ", "2026-3-02T09:15:00Z",
            "2026-03-02T09:15:00+24:00", "2026-03-02T09:15:00-00:00", "+2026-03-02T09:15:00Z", "2026-03-02T09:15:00.5+03:00",
        ]
        for text in texts {
            #expect(Timestamp.parse(text).map(Self.milliseconds) == Self.styleParse(text).map(Self.milliseconds), "\(text)")
        }
        #expect(Timestamp.parseCommonForm("2026-03-02T09:15:00.1234Z") == nil)
        #expect(Timestamp.parseCommonForm("2026-02-30T10:00:00Z") == nil)
    }

    @Test func trimmingWhitespaceEqualsFoundation() {
        let texts = ["", " ", "abc", " abc", "abc ", "\tabc\n", "\u{00A0}abc", "abc\u{3000}", "Офис", " Офис ", "Офис\u{2003}", "a\u{0085}", "\r\n", "é", "x\u{000B}"]
        for text in texts {
            #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
            #expect(text.trimmingWhitespace(newlines: false) == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }
}
