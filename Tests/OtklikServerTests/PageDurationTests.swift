import Testing

@testable import OtklikServer

/// Lengths of time in words, worked out by hand: the two largest units, rounded to the smaller.
@Suite struct PageDurationTests {
    static let russian = ["lang": "ru", "duration_d": "д", "duration_h": "ч", "duration_min": "мин", "duration_s": "с"]

    @Test func twoLargestUnitsRoundedToTheSmaller() {
        let cases: [(Double, String)] = [
            (0, "0 s"), (0.4, "0 s"), (42, "42 s"), (60, "1 min"), (61, "1 min 1 s"), (300, "5 min"), (3_599.6, "1 h"),
            (25_158, "6 h 59 min"),  // 6 h 59 min 18 s
            (77_862, "21 h 38 min"),  // 21 h 37 min 42 s, rounded up
            (86_400, "1 d"), (235_916, "2 d 18 h"),  // 2 d 17 h 31 min 56 s: past the half hour
            (-5, "0 s"), (86_370, "1 d"), (86_399, "1 d"), (3_570, "59 min 30 s"), (3_599.4, "59 min 59 s"), (59.6, "1 min"),
        ]
        func words(_ seconds: Double, _ text: [String: String] = [:]) -> String {
            PageDuration.words(seconds, text: text).replacingOccurrences(of: "\u{a0}", with: " ")
        }
        for (seconds, expected) in cases { #expect(words(seconds) == expected, "\(seconds)") }
        #expect(words(235_916, Self.russian) == "2 д 18 ч")
        #expect(words(25_158, Self.russian) == "6 ч 59 мин")
        #expect(PageDuration.words(259_200, text: Self.russian) == "3\u{a0}д", "a number and its unit on one line")
    }
}
