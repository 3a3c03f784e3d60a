import Foundation
import OtklikCore
import Testing

/// Contact preferences as written: checked whole, each wrong field named, quiet hours may wrap past midnight.
@Suite struct ContactPreferencesInputTests {
    @Test func validPreferencesAreNormalised() throws {
        let stored = try ContactPreferencesInput(
            preferredChannel: " Email ", language: "RU", timeZone: "Europe/Moscow", quietHours: "21:00-09:00", maxPerWeek: 2
        ).validated(customer: "C1")
        #expect(stored == ContactPreferences(
            customer: "C1", preferredChannel: "email", language: "ru", timeZone: "Europe/Moscow", quietFromMinute: 1260, quietToMinute: 540, maxPerWeek: 2))
        #expect(try ContactPreferencesInput().validated(customer: "C1") == ContactPreferences(customer: "C1"), "every field may be absent")
        #expect(ContactPreferencesInput.quietHours("9:30 - 18:05").map { [$0.0, $0.1] } == [570, 1085])
        #expect(ContactPreferencesInput.clock(540) == "09:00")
    }

    @Test func eachWrongFieldIsNamed() {
        let cases: [(ContactPreferencesInput, String)] = [
            (ContactPreferencesInput(preferredChannel: "pigeon"), "preferred_channel"),
            (ContactPreferencesInput(language: "de"), "language"),
            (ContactPreferencesInput(timeZone: "Mars/Olympus"), "time_zone"),
            (ContactPreferencesInput(quietHours: "21:00"), "quiet_hours"),
            (ContactPreferencesInput(quietHours: "25:00-09:00"), "quiet_hours"),
            (ContactPreferencesInput(quietHours: "09:00-09:00"), "quiet_hours"),
            (ContactPreferencesInput(quietHours: "9-18"), "quiet_hours"),
            (ContactPreferencesInput(maxPerWeek: -1), "max_per_week"),
            (ContactPreferencesInput(maxPerWeek: 51), "max_per_week"),
        ]
        for (input, field) in cases {
            #expect(throws: OtklikError.self) { try input.validated(customer: "C1") }
            do { _ = try input.validated(customer: "C1") } catch { #expect(error.field == field, "\(input)") }
        }
    }
}
