import Foundation

/// A length of time as a person reads it, in the page's language: its two largest units, rounded to the smaller one
/// (`42 s`, `5 min`, `6 h 59 min`, `2 d 18 h`; `42 с`, `5 мин`, `6 ч 59 мин`, `2 д 18 ч`) — a wait of 235,916 seconds
/// (2 d 17 h 32 min) is "2 d 18 h", not a number of seconds to divide.
enum PageDuration {
    static func words(_ seconds: Double, text: [String: String]) -> String {
        let units: [(size: Int, key: String, fallback: String)] = [
            (86_400, "duration_d", "d"), (3_600, "duration_h", "h"), (60, "duration_min", "min"), (1, "duration_s", "s"),
        ]
        var total = max(0, Int(seconds.rounded()))
        // Rounded to the second unit, which may carry into a larger first one (23 h 59 min 40 s is 1 d, not 24 h 0 min):
        // then rounded again to the new pair's second unit.
        for _ in 0..<2 {
            guard let first = units.firstIndex(where: { total >= $0.size }) else { break }
            let step = units[min(first + 1, units.count - 1)].size
            total = (total + step / 2) / step * step
        }
        // A number and its unit are never split across lines (a no-break space: "3 д" once broke into "3" and "д").
        guard let first = units.firstIndex(where: { total >= $0.size }) else { return "0\u{a0}\(text["duration_s"] ?? "s")" }
        let second = min(first + 1, units.count - 1)
        let big = total / units[first].size
        let small = first == second ? 0 : total % units[first].size / units[second].size
        let bigText = "\(big)\u{a0}\(text[units[first].key] ?? units[first].fallback)"
        return small == 0 ? bigText : "\(bigText) \(small)\u{a0}\(text[units[second].key] ?? units[second].fallback)"
    }
}
