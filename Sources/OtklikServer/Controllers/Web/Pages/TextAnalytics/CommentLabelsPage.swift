/// Labelling recent comments (`/comments/label`, `comment-labels.mustache`) to train the sentiment model: the
/// comments with the analysed label, the counts of labels given and the model trained on them.
struct CommentLabelsPage: Sendable {
    let heading: String
    let rows: [Row]
    let hasRows: Bool
    let days: Int
    let canEdit: Bool
    let filters: [SelectOption]
    let counts: [Count]
    let total: Int
    var model: Model?
    var error: String?
    /// The comment whose label was just saved.
    var saved: String?
    /// The model was just trained.
    var trained: Bool?

    struct Row: Sendable {
        let index: Int
        let id: String
        let ts: String
        let comment: String
        /// The label the analysis gave.
        let analysed: String
        let options: [SelectOption]
    }

    struct Count: Sendable {
        let label: String
        let n: Int
    }

    /// The trained model: how many texts and features, and when.
    struct Model: Sendable {
        let texts: Int
        let features: Int
        let trained: String
    }
}
