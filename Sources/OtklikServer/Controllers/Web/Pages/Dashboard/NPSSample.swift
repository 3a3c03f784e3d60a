/// What an NPS on a page rests on (``NPSSampleNote``): the label of a spontaneous sample, and for survey responses
/// the response rate and the NPS counting non-responders as passives and as detractors.
struct NPSSample: Sendable {
    /// "spontaneous sample, not a measurement", when any record is not a survey response.
    var spontaneous: String?
    var survey: Survey?

    struct Survey: Sendable {
        let responseRate: String
        let figures: [Figure]
    }

    struct Figure: Sendable {
        let label: String
        let value: String
        let ci: String
        let n: Int
    }
}
