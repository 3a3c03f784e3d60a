/// How a driver's importance is derived from data (METHODS.md "Drivers and models").
public enum DriverMethod: String, Sendable, Codable, CaseIterable {
    /// Johnson's relative weights (``RelativeWeights``): weight = εⱼ, share = εⱼ/R².
    case relativeWeights = "relative-weights"
    /// Pearson correlation with the target: weight = r, share = r²/Σr² (the squared correlations' shares).
    case correlation
}
