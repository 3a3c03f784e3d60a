/// `/experiments`: every registered experiment with its status and design; for a running or stopped one its result —
/// n per arm, the effect with its interval, p, a sentence saying what it means — and the sample-ratio-mismatch alarm
/// when raised; for everyone the effect it can detect. A user who may change the configuration registers a draft with
/// the form, starts a draft and stops a running one.
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
        /// The minimum detectable effect on the look-back before the start (before today for a draft), in words.
        var plan: Plan?
        /// The start or stop button (shown only to a user who may act).
        var canStart = false
        var canStop = false
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

    struct Plan: Sendable {
        /// "9.8 NPS points or more, with 80 % power at α 0.05: 28 clusters (14 + 14) …"
        var sentence: String
        /// With sequential monitoring: the larger effect the always-valid test needs.
        var sequential: String?
        /// What a smaller difference means (shown with a figure only).
        var caution: String?
    }

    /// The registration form's values (kept after a refusal).
    struct Form: Sendable {
        var code = ""
        var name = ""
        var hypothesis = ""
        var controlName = ""
        var treatmentName = ""
        var controlAllocation = "50"
        var treatmentAllocation = "50"
        var horizonDays = "28"
        var alpha = "0.05"
        var sequential = false
        var prePeriodDays = ""
    }

    var rows: [Row]
    var hasRows: Bool
    var canAct: Bool
    /// A refused registration, start or stop, in the reader's language.
    var error: String?
    var form: Form
    var units: [SelectOption]
    var metrics: [SelectOption]
    var outcomes: [SelectOption]
}
