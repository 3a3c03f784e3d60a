/// The list of surveys (`/surveys`, `surveys.mustache`) with their response rates against target.
struct SurveysPage: Sendable {
    let rows: [Row]
    let hasRows: Bool
    /// Whether the reader may create a survey (change_configuration): the "New survey" link only then.
    var canCreate = false
    /// The period's invitation dates as the results API reads them: `from` inclusive, `to` exclusive.
    var from = ""
    var to = ""
    /// "The period ends at the last data, …" when the default period ends before today.
    var dataEnd: String?
    /// The default period in words, when no period was asked for.
    var defaultPeriod: String?

    struct Row: Sendable {
        let code: String
        let href: String
        let title: String
        let purpose: String
        let invitations: Int
        let rr1: String
        /// RR1 below the survey's target (and invitations sent).
        let below: Bool
        let target: String
        /// Closed: no new invitations or answers.
        let closed: Bool
        /// RR1 against the `response_rate` KPI target (``ResponseRateTarget``), for a measurement survey when one applies.
        var kpiTarget: TargetNote? = nil
        /// RR1's Wilson 95 % interval over the period's invitations.
        var rr1Interval: String? = nil
    }
}
