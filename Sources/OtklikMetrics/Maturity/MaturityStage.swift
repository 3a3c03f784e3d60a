/// Seed 004's evolution of the customer experience in a company, read from the overall maturity score (0-100):
/// below 40 "minimal expectations", from 40 up to (not including) 70 "shared vision", 70 and above "easy to deal with".
/// A boundary belongs to the higher stage: exactly 40 is shared vision, exactly 70 easy to deal with. The score is
/// compared unrounded.
public enum MaturityStage: String, Sendable, Codable, CaseIterable {
    case minimalExpectations = "minimal_expectations"
    case sharedVision = "shared_vision"
    case easyToDealWith = "easy_to_deal_with"

    public static let sharedVisionFrom = 40.0
    public static let easyToDealWithFrom = 70.0

    public static func of(score: Double) -> MaturityStage {
        if score >= easyToDealWithFrom { return .easyToDealWith }
        if score >= sharedVisionFrom { return .sharedVision }
        return .minimalExpectations
    }
}
