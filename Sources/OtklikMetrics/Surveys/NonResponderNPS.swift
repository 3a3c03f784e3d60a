/// NPS under three assumptions about the invited customers who did not answer (METHODS.md "NPS", non-responders;
/// seed 002, best practice 4), always shown with the response rate. With P promoters and D detractors among n
/// respondents, N invited and NR = N − n silent:
/// - respondents only: 100·(P − D)/n
/// - non-responders as passives: 100·(P − D)/N (= NPS × response rate)
/// - non-responders as detractors: 100·(P − D − NR)/N
/// Each comes with its n and the adjusted-Wald interval (``NPSInterval``) of the trinomial those counts make.
public struct NonResponderNPS: Sendable, Equatable, Codable {
    public struct Variant: Sendable, Equatable, Codable {
        public var nps: Double
        /// Respondents (first variant) or invited customers (the other two).
        public var n: Int
        public var interval: Interval?
    }

    public var invited: Int
    public var respondents: Int
    /// n/N: completed answers over invitations (RR1 when every invitation is an eligible case and only completes count).
    public var responseRate: Double
    public var respondentsOnly: Variant
    public var nonRespondersAsPassives: Variant
    public var nonRespondersAsDetractors: Variant

    /// nil when the counts are inconsistent (P + D > n, n > N) or nobody answered.
    public init?(promoters: Int, detractors: Int, respondents n: Int, invited: Int, z: Double = Normal.z95) {
        guard promoters >= 0, detractors >= 0, promoters + detractors <= n, n > 0, n <= invited else { return nil }
        let silent = invited - n
        func variant(_ p: Int, _ d: Int, _ total: Int) -> Variant {
            Variant(nps: 100 * Double(p - d) / Double(total), n: total, interval: NPSInterval.adjustedWald(promoters: p, detractors: d, n: total, z: z))
        }
        self.invited = invited
        respondents = n
        responseRate = Double(n) / Double(invited)
        respondentsOnly = variant(promoters, detractors, n)
        nonRespondersAsPassives = variant(promoters, detractors, invited)
        nonRespondersAsDetractors = variant(promoters, detractors + silent, invited)
    }
}
