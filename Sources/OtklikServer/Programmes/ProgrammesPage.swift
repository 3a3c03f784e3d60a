/// `/programmes`: every programme with its status, the customers treated and held out, the effect on its outcome
/// against the hold-out with the 95 % interval, the minimum detectable effect and the harm flag; a pause (or resume)
/// button for those who may act.
struct ProgrammesPage: Sendable {
    struct Row: Sendable {
        var code: String
        var name: String
        var trigger: String
        var outcome: String
        var status: String
        var active: Bool
        var statusReason: String?
        var treatedN: Int
        var holdoutN: Int
        /// The outcome's value in each arm ("55.0 %"), "—" before data.
        var treatedValue: String
        var holdoutValue: String
        /// "+15.0 [9.6; 20.4]" in the outcome's unit, "—" before both arms have data.
        var effect: String
        var pValue: String
        var mde: String
        var harmful: Bool
        /// What the programme does: "message (email, sms)".
        var action: String
        /// The review-link uptake, "12 of 40 followed: 30.0 % [18.1; 45.4]"; nil for a programme without review links.
        var uptake: String?
    }

    var rows: [Row]
    var hasRows: Bool
    var canAct: Bool
}
