import Foundation
import OtklikCore

/// A survey's results (METHODS.md "Survey metrics", "Sampling and response", "Drivers"): outcomes, AAPOR RR1 and
/// RR2 against the target, NPS for respondents and with non-responders as passives and as detractors beside the
/// response rate, each question's figure, factor satisfaction, derived importance (Johnson's relative weights on
/// pairwise-complete correlations, as question rotation leaves answers missing by design), CSI and the
/// importance-performance quadrants — every figure with its n and a 95 % interval.
public struct SurveyResults: Sendable, Encodable {
    public struct Figure: Sendable, Encodable, Equatable {
        public var value: Double
        public var n: Int
        public var ciLow: Double?
        public var ciHigh: Double?

        init(_ value: Double, n: Int, _ interval: Interval?) {
            self.value = value
            self.n = n
            ciLow = interval?.low
            ciHigh = interval?.high
        }

        enum CodingKeys: String, CodingKey { case value, n, ciLow = "ci_low", ciHigh = "ci_high" }
    }

    public struct Outcomes: Sendable, Encodable, Equatable {
        public var invited = 0, completed = 0, partial = 0, refused = 0, noContact = 0, total = 0
        public init() {}
        enum CodingKeys: String, CodingKey { case invited, completed, partial, refused, noContact = "no_contact", total }
    }

    public struct Rates: Sendable, Encodable, Equatable {
        public var rr1: Double?
        public var rr2: Double?
        public var n: Int
        public var target: Double
        public var belowTarget: Bool
        public var definition: String
        enum CodingKeys: String, CodingKey { case rr1, rr2, n, target, belowTarget = "below_target", definition }
    }

    public struct NPSResult: Sendable, Encodable, Equatable {
        public var question: String
        public var promoters: Int
        public var passives: Int
        public var detractors: Int
        public var responseRate: Double
        public var respondentsOnly: Figure
        public var nonRespondersAsPassives: Figure
        public var nonRespondersAsDetractors: Figure
        /// Respondents weighted by their design weights 1/π, when the design gave unequal inclusion probabilities
        /// (quotas): n is the respondents, the interval uses Kish's effective n = (Σw)²/Σw².
        public var designWeighted: WeightedFigure?
        enum CodingKeys: String, CodingKey {
            case question, promoters, passives, detractors, responseRate = "response_rate", respondentsOnly = "respondents_only"
            case nonRespondersAsPassives = "nonresponders_as_passives", nonRespondersAsDetractors = "nonresponders_as_detractors"
            case designWeighted = "design_weighted"
        }
    }

    public struct WeightedFigure: Sendable, Encodable, Equatable {
        public var value: Double
        public var n: Int
        public var effectiveN: Double
        public var ciLow: Double
        public var ciHigh: Double
        enum CodingKeys: String, CodingKey { case value, n, effectiveN = "effective_n", ciLow = "ci_low", ciHigh = "ci_high" }
    }

    public struct QuestionResult: Sendable, Encodable, Equatable {
        public var code: String
        public var type: String
        public var factor: String?
        public var integral: Bool
        /// Respondents who were shown the question.
        public var shown: Int
        /// Answers; for a rating, the mean with its t-interval.
        public var answered: Int
        public var mean: Figure?
        /// NPS for an NPS question, CSAT (share of 4-5, %) for a CSAT question, share of 5-7 (%) for CES.
        public var headline: Figure?
        /// Answers per scale point or option code.
        public var distribution: [String: Int]
    }

    public struct FactorResult: Sendable, Encodable, Equatable {
        public var factor: String
        public var items: [String]
        /// Mean of the respondents' factor scores (each the mean of the factor's items they answered), 1-5.
        public var satisfaction: Figure
        /// The same on 0-100: (mean − 1)/4·100.
        public var score: Double
        /// Johnson's relative weight and its share of R² (derived importance).
        public var importance: Double?
        public var share: Double?
        /// Pearson's r of the factor score with the integral score (pairwise-complete; nil under the minimum pair n).
        public var correlation: Double?
        /// Stated importance: the factor's `importance_of` items, and the mean of the respondents' stated importance
        /// (each the mean of those items they answered), 1-5, with n and the t-interval.
        public var importanceItems: [String] = []
        public var statedImportance: Figure?
        /// The importance-performance quadrant, by derived importance or, without it, by stated importance (`quadrant_basis`).
        public var quadrant: String?

        enum CodingKeys: String, CodingKey {
            case factor, items, satisfaction, score, importance, share, correlation, importanceItems = "importance_items"
            case statedImportance = "stated_importance", quadrant
        }
    }

    public struct Drivers: Sendable, Encodable, Equatable {
        public var target: String
        public var method: String
        public var r2: Double
        /// The smallest number of respondents behind any one correlation.
        public var minimumPairN: Int
        enum CodingKeys: String, CodingKey { case target, method, r2, minimumPairN = "minimum_pair_n" }
    }

    public struct CSIResult: Sendable, Encodable, Equatable {
        public var value: Double
        public var n: Int
        public var ciLow: Double?
        public var ciHigh: Double?
        public var weights: String
        enum CodingKeys: String, CodingKey { case value, n, ciLow = "ci_low", ciHigh = "ci_high", weights }
    }

    public var survey: String
    public var titleRu: String
    public var titleEn: String
    public var purpose: SurveyPurpose
    /// "feedback, not measurement" for a feedback survey; for a measurement below its target, a warning.
    public var label: String
    public var outcomes: Outcomes
    public var responseRates: Rates
    public var nps: NPSResult?
    public var questions: [QuestionResult]
    public var factors: [FactorResult]
    public var drivers: Drivers?
    public var csi: CSIResult?
    /// What the factors' quadrants are placed by: "derived" (relative-weight shares) or, when importance cannot be
    /// derived, "stated" (mean stated importance); nil without quadrants.
    public var quadrantBasis: String?
    /// Kano category, Better and Worse per Kano question (feature).
    public var kano: [KanoAnalysis]
    /// SERVQUAL gaps by dimension, when the survey pairs expectation items with perception items.
    public var servqual: ServqualResult?
    /// The integral score against a baseline wave (`compare_from`/`compare_to`), when one was asked for.
    public var change: SurveyChange?
    /// By stratum, when the plan is stratified (``StratumResult``), with their definition.
    public var strata: [StratumResult]
    public var strataDefinition: String?
    public var notes: [String]

    enum CodingKeys: String, CodingKey {
        case survey, titleRu = "title_ru", titleEn = "title_en", purpose, label, outcomes, responseRates = "response_rates", nps, questions
        case factors, drivers, csi, quadrantBasis = "quadrant_basis", kano, servqual, change, strata
        case strataDefinition = "strata_definition", notes
    }

    /// The smallest number of respondents behind a correlation for the driver analysis.
    public static let minimumPairN = 10

    /// `weights`: design weights 1/π by invitation id (`SurveyRepository.designWeights`); empty for none.
    public init(survey: Survey, invitations: [SurveyInvitation], answers: [String: [SurveyAnswer]], weights: [String: Double] = [:]) {
        self.survey = survey.code
        titleRu = survey.titleRu
        titleEn = survey.titleEn
        purpose = survey.purpose
        notes = []
        var outcomes = Outcomes()
        for invitation in invitations {
            outcomes.total += 1
            switch invitation.status {
            case .invited: outcomes.invited += 1
            case .completed: outcomes.completed += 1
            case .partial: outcomes.partial += 1
            case .refused: outcomes.refused += 1
            case .noContact: outcomes.noContact += 1
            }
        }
        self.outcomes = outcomes
        let rates = ResponseRates(
            complete: outcomes.completed, partial: outcomes.partial, refusal: outcomes.refused, nonContact: outcomes.noContact,
            unknownOther: outcomes.invited)
        let below = (rates.rr1 ?? 0) < survey.targetResponseRate
        responseRates = Rates(
            rr1: rates.rr1, rr2: rates.rr2, n: outcomes.total, target: survey.targetResponseRate, belowTarget: below,
            definition: "AAPOR: RR1 = I/(I+P+R+NC+U), RR2 = (I+P)/(I+P+R+NC+U); I completed, P partial, R refused, NC no contact, U invited without an answer; below_target compares RR1")
        switch survey.purpose {
        case .feedback: label = "feedback, not measurement"
        case .measurement:
            label = below
                ? "measurement below its target response rate (RR1 \(Self.percent(rates.rr1)) < \(Self.percent(survey.targetResponseRate))): non-response may bias the figures"
                : "measurement: representative sample"
        }

        // Respondents: completed and partial invitations, with their answers by question.
        let respondents = invitations.filter { $0.status == .completed || $0.status == .partial }
        var byRespondent: [(SurveyInvitation, [String: SurveyAnswer])] = respondents.map { invitation in
            (invitation, Dictionary((answers[invitation.id] ?? []).map { ($0.question, $0) }, uniquingKeysWith: { first, _ in first }))
        }

        // With skip logic a question counts as shown to those who saw it (offered, and its condition met), and only
        // their answers count.
        let seen: [Set<String>] = byRespondent.map { invitation, given in Set(survey.visibleQuestions(invitation.shown ?? [], answers: given)) }
        if survey.hasSkipLogic {
            for index in byRespondent.indices where byRespondent[index].0.shown != nil {
                byRespondent[index].1 = byRespondent[index].1.filter { seen[index].contains($0.key) }
            }
        }
        questions = survey.questions.map { question in
            Self.questionResult(question, byRespondent, seen: seen)
        }
        strata = Self.strata(survey, invitations, byRespondent, seen: seen, weights: weights)
        strataDefinition = strata.isEmpty ? nil : Self.strataDefinition(survey)

        // NPS: the first NPS question, the integral one when it is NPS.
        let npsQuestion = survey.integral?.type == .nps ? survey.integral : survey.questions.first { $0.type == .nps }
        if let npsQuestion {
            let scores = byRespondent.compactMap { $0.1[npsQuestion.code]?.score }
            let promoters = scores.filter { $0 >= 9 }.count, detractors = scores.filter { $0 <= 6 }.count
            if !scores.isEmpty, outcomes.total >= scores.count,
               let variants = NonResponderNPS(promoters: promoters, detractors: detractors, respondents: scores.count, invited: outcomes.total) {
                func figure(_ variant: NonResponderNPS.Variant) -> Figure { Figure(variant.nps, n: variant.n, variant.interval) }
                let weighted: [(Double, Int)] = byRespondent.compactMap { invitation, given in
                    guard let score = given[npsQuestion.code]?.score else { return nil }
                    return (weights[invitation.id] ?? 1, score)
                }
                nps = NPSResult(
                    question: npsQuestion.code, promoters: promoters, passives: scores.count - promoters - detractors, detractors: detractors,
                    responseRate: variants.responseRate, respondentsOnly: figure(variants.respondentsOnly),
                    nonRespondersAsPassives: figure(variants.nonRespondersAsPassives), nonRespondersAsDetractors: figure(variants.nonRespondersAsDetractors),
                    designWeighted: weights.isEmpty ? nil : Self.weightedNPS(weighted))
            } else {
                nps = nil
            }
        } else {
            nps = nil
        }

        // Factors: each respondent's factor score is the mean of the factor's items they answered.
        let factorNames = survey.factors
        let items: [String: [String]] = Dictionary(grouping: survey.questions.filter { $0.type == .likert && $0.factor != nil }, by: { $0.factor! })
            .mapValues { $0.map(\.code) }
        let scoreRows: [[Double?]] = byRespondent.map { _, given in
            factorNames.map { factor in
                let values = (items[factor] ?? []).compactMap { given[$0]?.score }.map(Double.init)
                return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
            }
        }
        var factorResults: [FactorResult] = factorNames.enumerated().compactMap { index, factor in
            let values = scoreRows.compactMap { $0[index] }
            guard !values.isEmpty else { return nil }
            let sum = values.reduce(0, +)
            let mean = sum / Double(values.count)
            let interval = MeanInterval.t(sum: sum, sumOfSquares: values.reduce(0) { $0 + $1 * $1 }, n: values.count)?.clamped(to: 1...5)
            let stated = survey.importanceItems(of: factor).map(\.code)
            return FactorResult(
                factor: factor, items: items[factor] ?? [], satisfaction: Figure(mean, n: values.count, interval), score: (mean - 1) / 4 * 100,
                importance: nil, share: nil, correlation: nil, importanceItems: stated,
                statedImportance: Self.respondentMean(stated, byRespondent), quadrant: nil)
        }

        // Derived importance: relative weights of the factor scores on the integral score, from pairwise-complete
        // correlations (each uses every respondent who answered both).
        var driverResult: Drivers?
        quadrantBasis = nil
        var shares: [Double]?
        if let integral = survey.integral, factorNames.count >= 1, factorResults.count == factorNames.count {
            let target: [Double?] = byRespondent.map { $0.1[integral.code]?.score.map(Double.init) }
            let columns: [[Double?]] = factorNames.indices.map { i in scoreRows.map { $0[i] } }
            var minimumN = Int.max
            func pairwise(_ x: [Double?], _ y: [Double?]) -> Double? {
                let pairs = zip(x, y).compactMap { a, b -> (Double, Double)? in
                    guard let a, let b else { return nil }
                    return (a, b)
                }
                minimumN = min(minimumN, pairs.count)
                guard pairs.count >= Self.minimumPairN else { return nil }
                return Correlation.pearson(pairs.map(\.0), pairs.map(\.1))
            }
            let k = factorNames.count
            var rxx = (0..<k).map { i in (0..<k).map { $0 == i ? 1.0 : 0.0 } }
            var usable = true
            for i in 0..<k {
                for j in (i + 1)..<k {
                    guard let r = pairwise(columns[i], columns[j]) else { usable = false; continue }
                    rxx[i][j] = r
                    rxx[j][i] = r
                }
            }
            let rxy = columns.map { pairwise($0, target) }
            if factorResults.count == rxy.count { for index in factorResults.indices { factorResults[index].correlation = rxy[index] } }
            if usable, rxy.allSatisfy({ $0 != nil }), let weights = RelativeWeights(rxx: rxx, rxy: rxy.map { $0! }), weights.r2 > 0 {
                driverResult = Drivers(
                    target: integral.code, method: "relative-weights (Johnson 2000) on pairwise-complete correlations", r2: weights.r2,
                    minimumPairN: minimumN)
                shares = weights.weights.map { $0 / weights.r2 }
                for index in factorResults.indices {
                    factorResults[index].importance = weights.weights[index]
                    factorResults[index].share = weights.weights[index] / weights.r2
                }
                if let matrix = ImportancePerformance(factorResults.map { ($0.factor, $0.importance ?? 0, $0.satisfaction.value) }) {
                    for index in factorResults.indices { factorResults[index].quadrant = matrix.points[index].quadrant.rawValue }
                    quadrantBasis = "derived"
                }
            } else {
                notes.append("derived importance needs at least \(Self.minimumPairN) respondents behind every correlation of the factors and the integral score (smallest: \(minimumN == Int.max ? 0 : minimumN)) and a non-singular correlation matrix")
            }
        }
        // Without derived importance, the quadrants by stated importance when every factor has it.
        if driverResult == nil, !factorResults.isEmpty, factorResults.allSatisfy({ $0.statedImportance != nil }),
           let matrix = ImportancePerformance(factorResults.map { ($0.factor, $0.statedImportance?.value ?? 0, $0.satisfaction.value) }) {
            for index in factorResults.indices { factorResults[index].quadrant = matrix.points[index].quadrant.rawValue }
            quadrantBasis = "stated"
        }
        drivers = driverResult
        factors = factorResults

        if !factorNames.isEmpty, factorResults.count == factorNames.count,
           let index = CSI(answers: scoreRows, weights: shares ?? Array(repeating: 1, count: factorNames.count), scale: 1...5) {
            csi = CSIResult(
                value: index.value, n: index.n, ciLow: index.interval?.low, ciHigh: index.interval?.high,
                weights: shares == nil ? "equal" : "derived importance (relative-weight shares)")
        } else {
            csi = nil
        }
        kano = Self.kano(survey, byRespondent)
        servqual = ServqualResult(survey, byRespondent)
        change = nil
        if survey.purpose == .feedback { notes.append("feedback, not measurement: the respondents chose themselves; figures say where and why, not how much") }
    }

    /// NPS over (weight, score) pairs; nil when the weights are all equal (the plain NPS says the same).
    static func weightedNPS(_ pairs: [(Double, Int)]) -> WeightedFigure? {
        let weights = pairs.map(\.0)
        guard let low = weights.min(), let high = weights.max(), high > low * (1 + 1e-9), low > 0 else { return nil }
        let total = weights.reduce(0, +)
        let p = pairs.filter { $0.1 >= 9 }.reduce(0.0) { $0 + $1.0 } / total
        let d = pairs.filter { $0.1 <= 6 }.reduce(0.0) { $0 + $1.0 } / total
        let effective = total * total / weights.reduce(0.0) { $0 + $1 * $1 }
        let half = Normal.z95 * ((p + d - (p - d) * (p - d)) / effective).squareRoot()
        return WeightedFigure(
            value: 100 * (p - d), n: pairs.count, effectiveN: effective, ciLow: max(-100, 100 * (p - d - half)), ciHigh: min(100, 100 * (p - d + half)))
    }

    /// The mean over respondents of each one's mean of the given 1-5 items they answered, with n and the t-interval;
    /// nil without items or answers.
    static func respondentMean(_ codes: [String], _ respondents: [(SurveyInvitation, [String: SurveyAnswer])]) -> Figure? {
        guard !codes.isEmpty else { return nil }
        let values: [Double] = respondents.compactMap { _, given in
            let scores = codes.compactMap { given[$0]?.score }.map(Double.init)
            return scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count)
        }
        guard !values.isEmpty else { return nil }
        let sum = values.reduce(0, +)
        let interval = MeanInterval.t(sum: sum, sumOfSquares: values.reduce(0) { $0 + $1 * $1 }, n: values.count)?.clamped(to: 1...5)
        return Figure(sum / Double(values.count), n: values.count, interval)
    }

    static func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        return String(format: "%.1f %%", value * 100)
    }

    /// `seen`: by respondent, the questions they saw (``Survey/visibleQuestions(_:answers:)``).
    static func questionResult(
        _ question: SurveyQuestion, _ respondents: [(SurveyInvitation, [String: SurveyAnswer])], seen: [Set<String>]
    ) -> QuestionResult {
        let shown = seen.filter { $0.contains(question.code) }.count
        let given = respondents.compactMap { $0.1[question.code] }
        var distribution: [String: Int] = [:]
        var mean: Figure?
        var headline: Figure?
        if question.type.scale != nil {
            let scores = given.compactMap(\.score)
            for score in scores { distribution[String(score), default: 0] += 1 }
            if !scores.isEmpty {
                let values = scores.map(Double.init)
                let sum = values.reduce(0, +)
                let average = sum / Double(values.count)
                mean = Figure(average, n: values.count, MeanInterval.t(sum: sum, sumOfSquares: values.reduce(0) { $0 + $1 * $1 }, n: values.count))
                let n = scores.count
                switch question.type {
                case .nps:
                    let p = scores.filter { $0 >= 9 }.count, d = scores.filter { $0 <= 6 }.count
                    headline = Figure(100 * Double(p - d) / Double(n), n: n, NPSInterval.adjustedWald(promoters: p, detractors: d, n: n))
                case .csat:
                    let top = scores.filter { $0 >= 4 }.count
                    headline = Figure(100 * Double(top) / Double(n), n: n, ProportionInterval.wilson(successes: top, n: n).map { Interval(low: $0.low * 100, high: $0.high * 100) })
                case .ces:
                    let easy = scores.filter { $0 >= 5 }.count
                    headline = Figure(100 * Double(easy) / Double(n), n: n, ProportionInterval.wilson(successes: easy, n: n).map { Interval(low: $0.low * 100, high: $0.high * 100) })
                default:
                    break
                }
            }
        } else if question.type.hasOptions {
            for answer in given { for choice in answer.choices { distribution[choice, default: 0] += 1 } }
        }
        return QuestionResult(
            code: question.code, type: question.type.rawValue, factor: question.factor, integral: question.integral, shown: shown,
            answered: given.filter { !$0.isEmpty }.count, mean: mean, headline: headline, distribution: distribution)
    }
}
