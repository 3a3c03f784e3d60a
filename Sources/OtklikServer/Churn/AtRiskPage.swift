/// The customers most at risk of churning (`/customers/at-risk`, `customers-at-risk.mustache`): the model's validation
/// beside the ranked customers, each with the signals that raise their risk in words; or why there is no model yet.
struct AtRiskPage: Sendable {
    var unavailable: String?
    var model: Model?
    var rows: [Row] = []
    var hasRows = false
    var canRefit = false
    /// The form's values as asked (`as_of`, `horizon_days`, `active_days`), empty for the server's.
    var asOfField = ""
    var horizonField = ""
    var activeField = ""

    struct Model: Sendable {
        let asOf: String
        let fittedAt: String
        let horizonDays: Int
        let activeDays: Int
        let scored: Int
        let shown: Int
        let auc: String
        let aucLow: String
        let aucHigh: String
        let recencyAUC: String
        let lift: String
        let n: Int
        let churned: Int
        let churnRate: String
        let trainFeaturesAt: String
        let validationFeaturesAt: String
        let validationLabelsThrough: String
        let calibration: [Bin]
    }

    struct Bin: Sendable {
        let bin: Int
        let predicted: String
        let observed: String
        let n: Int
    }

    struct Row: Sendable {
        let rank: Int
        let href: String
        let customer: String
        let probability: String
        let reasons: [String]
        let hasReasons: Bool
    }
}
