import Foundation
import OtklikCore

/// One staff member's representative figures for a period and the bonus the organisation's formula gives them.
/// Only answers to representative invitations (measurement surveys sampled by the survey engine) come in here; the
/// response rate is AAPOR RR1 of the staff member's invitations. A figure with fewer respondents than the formula's
/// minimum is withheld (nil), and without a figure there is no score and no bonus.
public struct StaffBonusFigure: Sendable, Equatable, Codable {
    /// A score with its respondents and 95 % interval.
    public struct Figure: Sendable, Equatable, Codable {
        public var value: Double
        public var n: Int
        public var interval: Interval?
    }

    /// The invitations' outcomes.
    public struct Outcomes: Sendable, Equatable, Codable {
        public var invited: Int = 0
        public var completed: Int = 0
        public var partial: Int = 0
        public var refused: Int = 0
        public var noContact: Int = 0

        public init(invited: Int = 0, completed: Int = 0, partial: Int = 0, refused: Int = 0, noContact: Int = 0) {
            self.invited = invited
            self.completed = completed
            self.partial = partial
            self.refused = refused
            self.noContact = noContact
        }

        /// Every invitation, answered or not.
        public var total: Int { invited + completed + partial + refused + noContact }
        enum CodingKeys: String, CodingKey { case invited, completed, partial, refused, noContact = "no_contact" }
    }

    public var staff: String
    public var outcomes: Outcomes
    /// AAPOR RR1: completed / all invitations (open ones counted as of unknown eligibility, e = 1).
    public var responseRate: Double?
    /// Respondents who answered the NPS question, and those who answered the CSAT question.
    public var npsN: Int
    public var csatN: Int
    /// NPS (−100…100), adjusted-Wald interval; nil below the minimum n.
    public var nps: Figure?
    /// CSAT % (share of 4-5 answers, 0…100), Wilson interval; nil below the minimum n.
    public var csatPercent: Figure?
    /// The formula's weighted score; nil without a figure.
    public var score: Double?
    /// Percent of base pay; nil without a score.
    public var bonusPercent: Double?

    enum CodingKeys: String, CodingKey {
        case staff, outcomes, responseRate = "response_rate", npsN = "nps_n", csatN = "csat_n", nps, csatPercent = "csat_percent", score,
            bonusPercent = "bonus_percent"
    }

    /// - Parameters:
    ///   - npsScores: each respondent's first NPS answer (0-10).
    ///   - csatScores: each respondent's first CSAT answer (1-5).
    public init(staff: String, outcomes: Outcomes, npsScores: [Int], csatScores: [Int], formula: BonusFormula) {
        self.staff = staff
        self.outcomes = outcomes
        responseRate = ResponseRates(
            complete: outcomes.completed, partial: outcomes.partial, refusal: outcomes.refused, nonContact: outcomes.noContact,
            unknownOther: outcomes.invited
        ).rr1
        npsN = npsScores.count
        csatN = csatScores.count
        if npsScores.count >= formula.minimumN {
            let promoters = npsScores.filter { $0 >= 9 }.count, detractors = npsScores.filter { $0 <= 6 }.count
            nps = Figure(
                value: 100 * Double(promoters - detractors) / Double(npsScores.count), n: npsScores.count,
                interval: NPSInterval.adjustedWald(promoters: promoters, detractors: detractors, n: npsScores.count))
        }
        if csatScores.count >= formula.minimumN {
            let satisfied = csatScores.filter { $0 >= 4 }.count
            csatPercent = Figure(
                value: 100 * Double(satisfied) / Double(csatScores.count), n: csatScores.count,
                interval: ProportionInterval.wilson(successes: satisfied, n: csatScores.count).map { Interval(low: 100 * $0.low, high: 100 * $0.high) })
        }
        score = formula.score(nps: nps?.value, csatPercent: csatPercent?.value)
        bonusPercent = score.map(formula.bonusPercent(score:))
    }

    /// How every figure here is defined, for the page, the API and the export.
    public static let definition =
        "Representative invitations only (measurement surveys sampled by the survey engine; spontaneous feedback never counts). "
        + "NPS = % promoters (9-10) − % detractors (0-6) of each respondent's first NPS answer, adjusted-Wald 95 % interval; "
        + "CSAT % = share of 4-5 among each respondent's first CSAT answer, Wilson 95 % interval; "
        + "response rate = AAPOR RR1 (completed / all invitations); a figure with fewer respondents than the formula's minimum_n is withheld; "
        + "score = weighted mean of the figures given; bonus = the highest tier the score reaches"
}
