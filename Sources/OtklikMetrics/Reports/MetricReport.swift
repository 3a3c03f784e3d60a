/// A metric over groups: the public JSON shape of `otklik metrics --format json` and `GET /api/v1/metrics`.
///
/// `{"metric", "definition", "minimum_n", "groups": [{"key": {"location": "L01"}, "value", "n", "ci_low",
/// "ci_high", "insufficient"}], "overall": {…}}`. Keep it stable: integrators rely on it.
public struct MetricReport: Sendable, Codable, Equatable {
    public struct Group: Sendable, Codable, Equatable {
        public var key: [String: String]
        public var value: MetricValue

        public init(key: [String: String], value: MetricValue) {
            self.key = key
            self.value = value
        }

        enum CodingKeys: String, CodingKey { case key }

        public init(from decoder: any Decoder) throws {
            key = try decoder.container(keyedBy: CodingKeys.self).decode([String: String].self, forKey: .key)
            value = try MetricValue(from: decoder)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(key, forKey: .key)
            try value.encode(to: encoder)
        }
    }

    public var metric: MetricID
    public var definition: String
    public var minimumN: Int
    public var dimensions: [GroupDimension]
    public var groups: [Group]
    public var overall: MetricValue

    enum CodingKeys: String, CodingKey {
        case metric, definition, minimumN = "minimum_n", dimensions = "by", groups, overall
    }

    public init(metric: MetricID, tallies: GroupedTallies, minimumN: Int) {
        self.metric = metric
        self.definition = MetricDefinition.of(metric).definition
        self.minimumN = minimumN
        self.dimensions = tallies.dimensions
        self.groups = tallies.groups.map { group in
            var key: [String: String] = [:]
            for (dimension, label) in zip(tallies.dimensions, group.key) { key[dimension.rawValue] = label }
            return Group(key: key, value: group.tally.evaluate(metric, minimumN: minimumN))
        }
        self.overall = tallies.overall.evaluate(metric, minimumN: minimumN)
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
