/// The list of surveys (`/surveys`, `surveys.mustache`) with their response rates against target.
struct SurveysPage: Sendable {
    let rows: [Row]
    let hasRows: Bool
    /// Whether the reader may create a survey (change_configuration): the "New survey" link only then.
    var canCreate = false

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
    }
}
