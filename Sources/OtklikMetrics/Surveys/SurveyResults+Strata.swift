import Foundation
import OtklikCore

extension SurveyResults {
    /// One stratum of a stratified plan (location, daypart, segment, any attribute, or their combination), by the
    /// stratum recorded when the invitation was made.
    public struct StratumResult: Sendable, Encodable, Equatable {
        public var stratum: String
        public var invitations: Int
        /// Completed and partial invitations.
        public var respondents: Int
        /// AAPOR RR1 in % (completed / invitations) with Wilson's 95 % interval; n is the invitations.
        public var responseRate: Figure?
        /// Σ 1/π over the stratum's invitations: the eligible interactions they stand for (its sampling frame); nil
        /// without design weights.
        public var eligible: Double?
        /// The stratum's share of the eligible interactions of the strata shown (its weight in the design-weighted figure).
        public var share: Double?
        /// The integral question over the stratum's respondents: NPS (adjusted Wald), CSAT or CES share in % (Wilson),
        /// else the mean (Student's t).
        public var integral: Figure?
        /// The integral NPS weighted by 1/π within the stratum, when its weights differ (quota periods): Kish's n_eff.
        public var designWeighted: WeightedFigure?

        enum CodingKeys: String, CodingKey {
            case stratum, invitations, respondents, responseRate = "response_rate", eligible, share, integral
            case designWeighted = "design_weighted"
        }
    }

    /// The definition written beside the strata.
    static func strataDefinition(_ survey: Survey) -> String {
        let keys = survey.sampling.strata.joined(separator: " × ")
        let question = survey.integral.map { "'\($0.code)' (\($0.type.rawValue))" } ?? "—"
        var text = "by the stratum recorded when each invitation was made (\(keys)): invitations, respondents (completed + partial), "
            + "RR1 % with Wilson's 95 % interval, eligible = Σ 1/π of its invitations (the eligible interactions they stand for) and its share, "
            + "the integral question \(question) over its respondents (NPS adjusted Wald; CSAT, CES share Wilson; else mean, t), "
            + "design-weighted within the stratum when its weights differ (Kish's n_eff)"
        if survey.sampling.usesSegments {
            text += "; segment: the first of \(survey.sampling.segments.joined(separator: ", ")) the customer was a member of at sampling time, else \(SegmentStratum.other)"
        }
        return text
    }

    /// The strata of a stratified plan (systematic or quota with stratum variables), in the plan's order (segments as
    /// the survey lists them, `other` after them, then other values alphabetically; invitations made by hand, `*`, last);
    /// empty otherwise.
    static func strata(
        _ survey: Survey, _ invitations: [SurveyInvitation], _ respondents: [(SurveyInvitation, [String: SurveyAnswer])], seen: [Set<String>],
        weights: [String: Double]
    ) -> [StratumResult] {
        guard survey.sampling.method != .simple, !survey.sampling.strata.isEmpty else { return [] }
        let byStratum = Dictionary(grouping: invitations, by: { $0.stratum ?? "*" })
        var indices: [String: [Int]] = [:]
        for (index, respondent) in respondents.enumerated() { indices[respondent.0.stratum ?? "*", default: []].append(index) }
        var results: [StratumResult] = byStratum.keys.sorted(by: order(survey)).map { label in
            let members = byStratum[label] ?? []
            let completed = members.filter { $0.status == .completed }.count
            let rows = indices[label] ?? []
            let answered = rows.map { respondents[$0] }
            let rate = ProportionInterval.wilson(successes: completed, n: members.count).map { Interval(low: $0.low * 100, high: $0.high * 100) }
            var result = StratumResult(
                stratum: label, invitations: members.count, respondents: answered.count,
                responseRate: members.isEmpty ? nil : Figure(100 * Double(completed) / Double(members.count), n: members.count, rate))
            if !weights.isEmpty { result.eligible = members.reduce(0.0) { $0 + (weights[$1.id] ?? 1) } }
            if let integral = survey.integral {
                let question = questionResult(integral, answered, seen: rows.map { seen[$0] })
                result.integral = question.headline ?? question.mean
                if integral.type == .nps, !weights.isEmpty {
                    result.designWeighted = weightedNPS(answered.compactMap { invitation, given in
                        given[integral.code]?.score.map { (weights[invitation.id] ?? 1, $0) }
                    })
                }
            }
            return result
        }
        let total = results.compactMap(\.eligible).reduce(0, +)
        if total > 0 { for index in results.indices { results[index].share = results[index].eligible.map { $0 / total } } }
        return results
    }

    /// The order of stratum labels: value by value in the order of the plan's variables.
    static func order(_ survey: Survey) -> (String, String) -> Bool {
        let keys = survey.sampling.strata
        let segments = survey.sampling.segments
        func rank(_ label: String) -> [(Int, String)] {
            let values = label.components(separatedBy: " × ")
            guard label != "*", values.count == keys.count else { return [(Int.max, label)] }
            return zip(keys, values).map { key, value in
                if key == SurveySampling.segmentStratum { return (segments.firstIndex(of: value) ?? segments.count, value) }
                return (value == "(none)" ? 1 : 0, value)
            }
        }
        return { a, b in
            for (x, y) in zip(rank(a), rank(b)) where x != y { return x.0 != y.0 ? x.0 < y.0 : x.1 < y.1 }
            return a < b
        }
    }
}
