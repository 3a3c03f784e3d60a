import Foundation
import OtklikCore
import OtklikMetrics

/// A registered experiment's result on Otklik's own feedback (`GET /api/v1/experiments/{code}/result`): the window
/// counted, the arms' names and the analysis of ``ExperimentAnalysis`` (effect, interval, p, n per arm, the SRM alarm),
/// or, when it cannot be computed yet, null and the reason in words.
public struct ExperimentRunResult: Sendable, Encodable {
    public var code: String
    public var status: Experiment.Status
    public var unit: Experiment.Unit
    public var metric: Experiment.Metric
    public var outcome: Experiment.Outcome
    /// The start; the end is the stop, the horizon or now, whichever came first.
    public var from: String
    public var to: String
    public var control: String
    public var treatment: String
    /// Feedback in the window whose unit was known and whose outcome was present.
    public var feedback: Int
    public var analysis: ExperimentResult?
    public var reason: String?
    /// The reason's kind, for a page in another language (not encoded).
    public var reasonKind: ExperimentError.Kind?

    enum CodingKeys: String, CodingKey { case code, status, unit, metric, outcome, from, to, control, treatment, feedback, analysis, reason }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(status, forKey: .status)
        try container.encode(unit, forKey: .unit)
        try container.encode(metric, forKey: .metric)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(control, forKey: .control)
        try container.encode(treatment, forKey: .treatment)
        try container.encode(feedback, forKey: .feedback)
        try container.encode(analysis, forKey: .analysis)
        try container.encode(reason, forKey: .reason)
    }
}
