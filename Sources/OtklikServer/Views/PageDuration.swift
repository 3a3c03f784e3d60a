import Foundation

/// A length of time as a person reads it, in the page's language: its two largest units, rounded to the smaller one
/// (`42 s`, `5 min`, `6 h 59 min`, `2 d 18 h`; `42 с`, `5 мин`, `6 ч 59 мин`, `2 д 18 ч`) — a wait of 235,916 seconds
/// (2 d 17 h 32 min) is "2 d 18 h", not a number of seconds to divide.
enum PageDuration {
    static func words(_ seconds: Double, text: [String: String]) -> String {
        let units: [(size: Int, key: String, fallback: String)] = [
            (86_400, "duration_d", "d"), (3_600, "duration_h", "h"), (60, "duration_min", "min"), (1, "duration_s", "s"),
        ]
        let total = max(0, Int(seconds.rounded()))
        guard let first = units.firstIndex(where: { total >= $0.size }) else { return "0 \(text["duration_s"] ?? "s")" }
        let second = min(first + 1, units.count - 1)
        // Rounded to the second unit, which may carry into the first (59 min 59.6 s is 1 h 0 min).
        let rounded = first == second ? total : (total + units[second].size / 2) / units[second].size * units[second].size
        let big = rounded / units[first].size
        let small = first == second ? 0 : rounded % units[first].size / units[second].size
        let bigText = "\(big) \(text[units[first].key] ?? units[first].fallback)"
        return small == 0 ? bigText : "\(bigText) \(small) \(text[units[second].key] ?? units[second].fallback)"
    }
}
