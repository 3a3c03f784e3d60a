import Foundation

/// A sampling plan applied to interactions as they happen (METHODS.md "Sampling and response", seed 002): a method
/// (simple random with probability p, systematic every k-th from a random start, or quotas per stratum), an optional
/// fatigue rule, and a seed. `decide(_:state:)` says for one interaction whether to invite it and why.
///
/// Order of the checks: the fatigue rule first, then the method. A fatigued customer is outside the sampling frame: it
/// does not advance the systematic count nor take part of a quota, so p, 1/k and the quotas apply to eligible
/// interactions. Random draws are keyed by the plan's seed and the interaction's id (never by arrival order or the
/// clock), so the same interactions under the same seed and state always get the same decisions.
public struct SamplingPlan: Sendable, Codable, Equatable {
    public var method: SamplingMethod
    /// nil: no fatigue rule (e.g. for feedback-style surveys); default six months.
    public var fatigue: FatigueRule?
    public var seed: UInt64

    /// nil if the method's parameters are not usable (p outside [0, 1], k < 1).
    public init?(method: SamplingMethod, fatigue: FatigueRule? = .sixMonths, seed: UInt64) {
        guard method.isValid else { return nil }
        self.method = method
        self.fatigue = fatigue
        self.seed = seed
    }

    /// The stratum label of `unit` under this plan's stratification ("*" when unstratified).
    public func stratum(of unit: SamplingUnit) -> String {
        StratumKey.label(of: unit, by: method.strata)
    }

    /// Decides for one interaction and updates `state` (counters, quota fill, the customer's last invitation).
    /// Call it once per interaction, in arrival order, and persist `state` afterwards.
    public func decide(_ unit: SamplingUnit, state: inout SamplingState) -> SamplingDecision {
        let stratum = stratum(of: unit)
        var decision = SamplingDecision(
            unit: unit.id, outcome: .notSampled, stratum: stratum, fatigue: .off,
            inclusionProbability: method.inclusionProbability
        )

        if let fatigue {
            if let customer = unit.customer {
                let last = state.fatigue.lastInvitation(of: customer)
                if let last, fatigue.blocks(unit.at, lastInvited: last) {
                    decision.fatigue = .blocked(lastInvited: last, until: fatigue.eligibleAgain(after: last))
                    decision.outcome = .fatigued
                    return decision
                }
                decision.fatigue = .clear(lastInvited: last)
            } else {
                decision.fatigue = .anonymous
            }
        }

        switch method {
        case .simpleRandom(let p):
            decision.outcome = draw(unit, "simple") < p ? .invited : .notSampled

        case .systematic(let k, _):
            let interval = max(k, 1)
            var counter = state.systematic[stratum] ?? SamplingState.SystematicCounter(start: randomStart(interval, stratum), seen: 0)
            counter.seen += 1
            let selected = counter.seen >= counter.start && (counter.seen - counter.start) % interval == 0
            state.systematic[stratum] = counter
            decision.outcome = selected ? .invited : .notSampled

        case .quota(let design):
            let periodStart = design.period.start(of: unit.at, timeZone: design.timeZone)
            let target = design.target(of: stratum)
            var fill = state.quotas[stratum] ?? SamplingState.QuotaFill(periodStart: periodStart, seen: 0, invited: 0)
            if periodStart > fill.periodStart {
                fill = SamplingState.QuotaFill(periodStart: periodStart, seen: 0, invited: 0)
            }
            decision.quotaTarget = target
            if periodStart < fill.periodStart {
                // A late report from a period whose quota is closed: its fill is gone, so it is not sampled.
                decision.note = "interaction from a closed quota period (\(periodStart.formatted(.iso8601)))"
                decision.quotaInvited = fill.invited
                decision.outcome = .notSampled
                return decision
            }
            fill.seen += 1
            if fill.invited >= target {
                decision.outcome = .quotaFull
            } else if let q = design.spreadProbability, draw(unit, "quota") >= q {
                decision.outcome = .notSampled
            } else {
                fill.invited += 1
                decision.outcome = .invited
            }
            decision.quotaInvited = fill.invited
            state.quotas[stratum] = fill
        }

        if decision.isInvited, let customer = unit.customer {
            state.fatigue.record(customer: customer, at: unit.at)
        }
        return decision
    }

    /// A uniform draw in [0, 1) for this unit, from the plan's seed and the unit's id.
    private func draw(_ unit: SamplingUnit, _ purpose: String) -> Double {
        var random = SamplingRandom(seed: seed, key: purpose + "|" + unit.id)
        return random.nextUnit()
    }

    /// The systematic random start (1…k) of a stratum, from the plan's seed and the stratum's label.
    private func randomStart(_ interval: Int, _ stratum: String) -> Int {
        var random = SamplingRandom(seed: seed, key: "systematic|" + stratum)
        return random.next(below: interval) + 1
    }
}
