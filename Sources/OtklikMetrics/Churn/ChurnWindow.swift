import Foundation

/// The time split of a churn analysis as of day D with horizon h (days, in the organisation's calendar; a day's
/// features count everything up to the end of that day): fit on features at D − 2h labelled by a purchase in
/// (D − 2h, D − h]; validate on features at D − h labelled by (D − h, D]; refit on the validation window and score at D.
public struct ChurnWindow: Sendable, Equatable, Codable {
    public var asOf: String
    public var horizonDays: Int
    public var activeDays: Int
    public var trainFeaturesAt: String
    public var trainLabelsThrough: String
    public var validationFeaturesAt: String
    public var validationLabelsThrough: String

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of", horizonDays = "horizon_days", activeDays = "active_days", trainFeaturesAt = "train_features_at"
        case trainLabelsThrough = "train_labels_through", validationFeaturesAt = "validation_features_at"
        case validationLabelsThrough = "validation_labels_through"
    }

    /// `asOf` in days since 1970-01-01 (``CivilDate``).
    public init(asOf: Int, horizonDays: Int, activeDays: Int) {
        self.asOf = CivilDate.iso(asOf)
        self.horizonDays = horizonDays
        self.activeDays = activeDays
        trainFeaturesAt = CivilDate.iso(asOf - 2 * horizonDays)
        trainLabelsThrough = CivilDate.iso(asOf - horizonDays)
        validationFeaturesAt = CivilDate.iso(asOf - horizonDays)
        validationLabelsThrough = CivilDate.iso(asOf)
    }
}
