/// `/experiments`: every registered experiment with its status and design; for a running or stopped one its result —
/// n per arm, the effect with its interval, p, a sentence saying what it means — and the sample-ratio-mismatch alarm
/// when raised.
struct ExperimentsPage: Sendable {
    struct Row: Sendable {
        var code: String
        var name: String
        var hypothesis: String
        var status: String
        /// "day (switchback) · NPS · 28 days · α 0.05"
        var design: String
        var variants: String
        var started: String?
        var result: Result?
        /// Why there is no result yet (a draft, too few answers).
        var pending: String?
    }

    struct Result: Sendable {
        var window: String
        var test: String
        var controlName: String
        var treatmentName: String
        var controlN: Int
        var treatmentN: Int
        var controlValue: String
        var treatmentValue: String
        /// "+6.1 [2.3; 9.9] NPS points"
        var effect: String
        var pValue: String
        var meaning: String
        var srmAlarm: String?
    }

    var rows: [Row]
    var hasRows: Bool
}
