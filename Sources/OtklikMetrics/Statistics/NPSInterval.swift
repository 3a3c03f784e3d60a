/// Confidence interval for the Net Promoter Score.
public enum NPSInterval {
    /// Adjusted-Wald interval (Rocks 2016, *The American Statistician*; MeasuringU): add 3 to n and
    /// ¾ to promoters and to detractors, then use the trinomial variance [p + d − (p − d)²]/n.
    /// Returned on the NPS scale, −100…100.
    public static func adjustedWald(promoters: Int, detractors: Int, n: Int, z: Double = Normal.z95) -> Interval? {
        guard n > 0 else { return nil }
        let nAdj = Double(n) + 3
        let p = (Double(promoters) + 0.75) / nAdj
        let d = (Double(detractors) + 0.75) / nAdj
        let centre = p - d
        let variance = (p + d - centre * centre) / nAdj
        let half = z * variance.squareRoot()
        return Interval(low: 100 * (centre - half), high: 100 * (centre + half)).clamped(to: -100...100)
    }

    /// Plain Wald variance of NPS/100 (METHODS.md), for significance tests between waves.
    public static func variance(promoters: Int, detractors: Int, n: Int) -> Double? {
        guard n > 0 else { return nil }
        let p = Double(promoters) / Double(n)
        let d = Double(detractors) / Double(n)
        return (p + d - (p - d) * (p - d)) / Double(n)
    }
}
