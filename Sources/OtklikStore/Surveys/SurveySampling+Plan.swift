import Foundation
import OtklikCore
import OtklikMetrics

extension SurveySampling {
    /// The library's sampling plan for this configuration, quotas counted in `timeZone`'s days.
    public func plan(timeZone: TimeZone) -> SamplingPlan? {
        let keys = strata.map(Self.stratumKey)
        let method: SamplingMethod
        switch self.method {
        case .simple: method = .simpleRandom(probability: probability ?? 1)
        case .systematic: method = .systematic(interval: interval ?? 1, strata: keys)
        case .quota:
            guard let design = QuotaDesign(
                strata: keys, targets: targets, defaultTarget: defaultTarget ?? 0, period: QuotaPeriod(rawValue: period ?? "day") ?? .day,
                timeZone: timeZone, spreadProbability: spreadProbability)
            else { return nil }
            method = .quota(design)
        }
        return SamplingPlan(method: method, fatigue: fatigueDays > 0 ? FatigueRule(days: fatigueDays) : nil, seed: seed)
    }

    static func stratumKey(_ name: String) -> StratumKey {
        switch name {
        case "location": .location
        case "daypart": .daypart
        default: .attribute(name)
        }
    }
}

extension SurveyInteraction {
    /// The interaction as a sampling plan sees it, its daypart in `timeZone`; `segment`: its segment stratum
    /// (``SegmentStratum``) when the plan has one.
    public func samplingUnit(timeZone: TimeZone, segment: String? = nil) -> SamplingUnit {
        var attributes: [String: String] = [:]
        for name in ["staff", "service", "channel", "queue", "topic"] { if let value = value(of: name) { attributes[name] = value } }
        if let segment { attributes[SurveySampling.segmentStratum] = segment }
        return SamplingUnit(
            id: id, at: at, customer: customer, location: location, daypart: SamplingUnit.daypart(of: at, timeZone: timeZone),
            attributes: attributes)
    }
}
