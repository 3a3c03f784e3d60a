/// A metric over groups: the public JSON shape of `otklik metrics --format json` and `GET /api/v1/metrics`.
///
/// `{"metric", "definition", "minimum_n", "groups": [{"key": {"location": "L01"}, "value", "n", "ci_low",
/// "ci_high", "insufficient"}], "overall": {…}}`. Keep it stable: integrators rely on it.
public struct MetricReport: Sendable, Codable, Equatable {
    /// The metric's id: `nps`, `sl`, …
    public var metric: String
    /// Its display name: `NPS`, `Service level`, …
    public var name: String
    public var definition: String
    public var minimumN: Int
    /// The grouped dimensions, in key order.
    public var dimensions: [String]
    public var groups: [Group]
    public var overall: MetricValue
    /// Facts a reader needs beside the figures, e.g. how many anonymous contacts were excluded.
    public var notes: [String]
    /// What kind of sample the figures come from; spontaneous feedback says so (seed 002: feedback is not measurement).
    public var sample: String?
    /// The target of the overall figure and its verdict, where the report's caller judges one (the case KPIs in
    /// `GET /api/v1/metrics`); absent otherwise.
    public var target: ReportedTarget?
    /// The segment the figures are of (`segment=CODE`); absent otherwise.
    public var segment: ReportedSegment?
    /// The `by=segment` rows left out, each with the reason (a segment under the minimum size); absent otherwise.
    public var suppressed: [SuppressedGroup]?

    /// The label of figures from spontaneous channels (buttons, kiosks, QR forms, calls, reviews).
    public static let spontaneousSample = "feedback: spontaneous sample"

    enum CodingKeys: String, CodingKey {
        case metric, name, definition, minimumN = "minimum_n", dimensions = "by", groups, overall, notes, sample, target, segment, suppressed
    }

    public init(
        metric: String, name: String, definition: String, minimumN: Int, dimensions: [String], groups: [Group],
        overall: MetricValue, notes: [String] = [], sample: String? = nil
    ) {
        self.metric = metric
        self.name = name
        self.definition = definition
        self.minimumN = minimumN
        self.dimensions = dimensions
        self.groups = groups
        self.overall = overall
        self.notes = notes
        self.sample = sample
    }

    /// A feedback metric over the groups of one scan; `sample` labels where the answers came from.
    public init(metric: MetricID, tallies: GroupedTallies, minimumN: Int, sample: String? = spontaneousSample) {
        let definition = MetricDefinition.of(metric)
        let dimensions = tallies.dimensions.map(\.rawValue)
        self.init(
            metric: metric.rawValue, name: definition.name, definition: definition.definition, minimumN: minimumN,
            dimensions: dimensions,
            groups: tallies.groups.map { Group(names: dimensions, labels: $0.key, value: $0.tally.evaluate(metric, minimumN: minimumN)) },
            overall: tallies.overall.evaluate(metric, minimumN: minimumN),
            notes: Self.responseNote(metric, tallies.overall), sample: sample)
    }

    /// NPS in any of its three non-responder variants is shown with the NPS response rate (seed 002, best practice 4).
    static func responseNote(_ metric: MetricID, _ overall: Tally) -> [String] {
        guard [.nps, .npsNonrespondersPassive, .npsNonrespondersDetractors].contains(metric), overall.count > 0 else { return [] }
        let rate = 100 * Double(overall.npsN) / Double(overall.count)
        return ["NPS response rate \(String(format: "%.1f", rate)) % (\(overall.npsN) answers of \(overall.count) records)"]
    }
}

extension MetricValue {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            value: try container.decodeIfPresent(Double.self, forKey: .value),
            n: try container.decode(Int.self, forKey: .n),
            ciLow: try container.decodeIfPresent(Double.self, forKey: .ciLow),
            ciHigh: try container.decodeIfPresent(Double.self, forKey: .ciHigh),
            insufficient: try container.decode(Bool.self, forKey: .insufficient))
    }
}
